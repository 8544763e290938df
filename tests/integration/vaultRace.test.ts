import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCabinet, type CabinetHost } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { PassphraseVault } from '../../electron/store/passphraseVault';
import { TEST_ORIGIN, tempDir, testPasswordCost } from './support';

const cheap = { N: 1024, r: 8, p: 1 };
const window = { senderId: 'w', origin: TEST_ORIGIN };
const passphrase = 'северное сияние 2026';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** Opens the store with the vault's key, writes one row, closes: what the app does after an unlock. */
async function useStore(folder: string, vault: PassphraseVault): Promise<void> {
  const store = await EncryptedDatabase.open({ folder, keyProvider: vault, idleCheckpointMs: 0 });
  try {
    await store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'r', 'Europe/Moscow')", { id: `r${Date.now()}${Math.random()}` }));
  } finally {
    await store.close();
  }
}

describe('concurrent unlocks of a new passphrase vault', () => {
  it('50 concurrent unlocks, 20 runs: the store always opens again with the passphrase', async () => {
    let unopenable = 0;
    for (let run = 0; run < 20; run += 1) {
      const folder = join(dir.path, `run-${run}`, 'store');
      const keyFile = join(dir.path, `run-${run}`, 'data-key.passphrase');
      const vault = new PassphraseVault(keyFile, cheap);
      const storeUse = useStore(folder, vault); // waits for the key, as the app's store does
      const outcomes = await Promise.allSettled(Array.from({ length: 50 }, () => vault.unlock(passphrase)));
      expect(outcomes.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
      await storeUse;

      const again = new PassphraseVault(keyFile, cheap);
      await again.unlock(passphrase);
      try {
        await useStore(folder, again);
      } catch {
        unopenable += 1;
      }
      // No temp file is left behind next to the key file.
      expect((await readdir(join(dir.path, `run-${run}`))).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    }
    expect(unopenable).toBe(0);
  });

  it('two vaults on the same key file (two starts racing) agree on one key', async () => {
    const keyFile = join(dir.path, 'data-key.passphrase');
    for (let run = 0; run < 20; run += 1) {
      const file = `${keyFile}.${run}`;
      const vaults = Array.from({ length: 5 }, () => new PassphraseVault(file, cheap));
      await Promise.all(vaults.map((vault) => vault.unlock(passphrase)));
      const keys = await Promise.all(vaults.map((vault) => vault.dataKey()));
      const reopened = new PassphraseVault(file, cheap);
      await reopened.unlock(passphrase);
      const stored = await reopened.dataKey();
      for (const key of keys) expect(key.equals(stored)).toBe(true);
    }
  });

  it('through the app: 50 concurrent vault.unlock calls, then a restart opens the store', async () => {
    const start = (): CabinetHost =>
      startCabinet({
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
    const first = start();
    const answers = await Promise.all(Array.from({ length: 50 }, () => first.dispatcher.dispatch(window, 'vault.unlock', { passphrase })));
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, value: { state: 'open' } });
    await first.close();

    const second = start();
    try {
      expect(await second.dispatcher.dispatch(window, 'vault.unlock', { passphrase })).toMatchObject({ ok: true, value: { state: 'open' } });
    } finally {
      await second.close();
    }
  });

  it('a store that the key cannot open answers STORE_UNAVAILABLE with a reason, not INTERNAL', async () => {
    const start = (): CabinetHost =>
      startCabinet({
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
    const first = start();
    expect(await first.dispatcher.dispatch(window, 'vault.unlock', { passphrase })).toMatchObject({ ok: true });
    await first.close();
    // The key file is replaced by one wrapping another key (as the old race left it).
    const other = new PassphraseVault(join(dir.path, 'other.passphrase'), cheap);
    await other.unlock(passphrase);
    const { readFile } = await import('node:fs/promises');
    await writeFile(join(dir.path, 'data-key.passphrase'), await readFile(join(dir.path, 'other.passphrase')));

    const second = start();
    second.ready.catch(() => undefined);
    try {
      expect(await second.dispatcher.dispatch(window, 'vault.unlock', { passphrase })).toMatchObject({
        ok: false,
        error: { code: 'STORE_UNAVAILABLE', details: { reason: 'wrong-key' } },
      });
    } finally {
      await second.close().catch(() => undefined);
    }
  });
});
