import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCabinet, type CabinetHost } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { PassphraseVault, WrongPassphraseError } from '../../electron/store/passphraseVault';
import { demo, demoLine, TEST_ORIGIN, tempDir, testPasswordCost } from './support';

const cheap = { N: 1024, r: 8, p: 1 };
const window = { senderId: 'w', origin: TEST_ORIGIN };

let dir: Awaited<ReturnType<typeof tempDir>>;
const hosts: CabinetHost[] = [];
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
  await dir.remove();
});

function start(): CabinetHost {
  const host = startCabinet({
    dataDir: join(dir.path, 'store'),
    keyProvider: new PassphraseVault(join(dir.path, 'data-key.passphrase'), cheap),
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    // A test host: the test doubles stand in for the network, said explicitly.
    demo: true,
    clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')),
    ids: new SequentialIds(),
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
  });
  hosts.push(host);
  return host;
}

describe('a computer with no OS keyring', () => {
  it('asks for a new passphrase first, and nothing else works until then', async () => {
    const host = start();
    expect(await host.dispatcher.dispatch(window, 'vault.status', {})).toMatchObject({
      ok: true,
      value: { state: 'needs-new-passphrase', reason: 'no-keyring', usesPassphrase: true },
    });
    expect(await host.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password })).toMatchObject({
      ok: false,
      error: { code: 'STORE_UNAVAILABLE' },
    });
  });

  it('a too short passphrase is a field error; a good one opens the store', async () => {
    const host = start();
    expect(await host.dispatcher.dispatch(window, 'vault.unlock', { passphrase: 'short' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: { fields: [{ field: 'passphrase' }] } },
    });
    expect(await host.dispatcher.dispatch(window, 'vault.unlock', { passphrase: 'северное сияние 2026' })).toMatchObject({ ok: true, value: { state: 'open' } });
    expect(await host.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password })).toMatchObject({ ok: true });
  });

  it('on the next start the same passphrase opens it and a wrong one is refused', async () => {
    const first = start();
    await first.dispatcher.dispatch(window, 'vault.unlock', { passphrase: 'северное сияние 2026' });
    await first.close();
    hosts.splice(0);

    const second = start();
    expect(await second.dispatcher.dispatch(window, 'vault.status', {})).toMatchObject({ ok: true, value: { state: 'needs-passphrase' } });
    expect(await second.dispatcher.dispatch(window, 'vault.unlock', { passphrase: 'южное сияние 2026' })).toMatchObject({
      ok: false,
      error: { code: 'PASSPHRASE_INVALID' },
    });
    expect(await second.dispatcher.dispatch(window, 'vault.unlock', { passphrase: 'северное сияние 2026' })).toMatchObject({ ok: true, value: { state: 'open' } });
    expect(await second.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password })).toMatchObject({ ok: true });
  });

  it('the wrapped key file holds neither the passphrase nor the key in the clear', async () => {
    const vault = new PassphraseVault(join(dir.path, 'key'), cheap);
    await vault.unlock('северное сияние 2026');
    const key = await vault.dataKey();
    const file = await readFile(join(dir.path, 'key'));
    expect(file.includes(Buffer.from('северное сияние 2026'))).toBe(false);
    expect(file.includes(key)).toBe(false);
    expect(file.toString().includes(key.toString('base64'))).toBe(false);
  });

  it('changing the passphrase re-wraps the same data key', async () => {
    const vault = new PassphraseVault(join(dir.path, 'key'), cheap);
    await vault.unlock('первый пароль 2026');
    const key = await vault.dataKey();
    await expect(vault.changePassphrase('не тот пароль', 'второй пароль 2026')).rejects.toBeInstanceOf(WrongPassphraseError);
    await vault.changePassphrase('первый пароль 2026', 'второй пароль 2026');

    const reopened = new PassphraseVault(join(dir.path, 'key'), cheap);
    await expect(reopened.unlock('первый пароль 2026')).rejects.toBeInstanceOf(WrongPassphraseError);
    await reopened.unlock('второй пароль 2026');
    expect((await reopened.dataKey()).equals(key)).toBe(true);
  });
});
