import { afterEach, describe, expect, it } from 'vitest';
import type { AdapterHealth, Diagnostics } from '../../shared/contract/settings';
import { HealthTracker } from '../../electron/network/adapterHealth';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import { openTestCabinet, tempDir, testPasswordCost, type TestCabinet } from './support';

/** Issue 21 item 4: a diagnostics screen shows each adapter's state, last error and queue; on a kiosk staff only. */
let dir: Awaited<ReturnType<typeof tempDir>> | null = null;
let cabinet: TestCabinet | null = null;
afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = null;
  dir = null;
});

async function open(overrides: Parameters<typeof openTestCabinet>[1] = {}): Promise<TestCabinet> {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, overrides);
  return cabinet;
}

async function diagnostics(opened: TestCabinet, window = opened.window()): Promise<Record<string, AdapterHealth>> {
  const result = await opened.dispatcher.dispatch(window, 'settings.diagnostics', {});
  if (!result.ok) throw new Error(`settings.diagnostics: ${result.error.code}`);
  const board = result.value as Diagnostics;
  return Object.fromEntries(board.adapters.map((adapter) => [adapter.adapter, adapter]));
}

const onPostgres = process.env.CABINET_TEST_STORE === 'postgres';

describe('the connection settings', () => {
  it('on a computer that is not a kiosk: saved, the secret never answered back or logged, a bad field named', async () => {
    const logged: string[] = [];
    const sink = (message: string, fields?: unknown) => void logged.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const opened = await open({ demo: false, logger: { info: sink, warn: sink, error: sink } });
    const bad = await opened.dispatcher.dispatch(opened.window(), 'settings.updateAdapterSettings', { adapter: 'mail', values: { host: 'smtp.operator.test', port: 0, from: 'cabinet@operator.test' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'mail.port', expected: 'a port from 1 to 65535' }] } } });
    const saved = await opened.dispatcher.dispatch(opened.window(), 'settings.updateAdapterSettings', {
      adapter: 'mail',
      values: { host: 'smtp.operator.test', port: 587, user: 'cabinet', password: 'pa55-w0rd', from: 'cabinet@operator.test' },
    });
    expect(saved.ok).toBe(true);
    const view = await opened.dispatcher.dispatch(opened.window(), 'settings.adapterSettings', {});
    expect(view).toMatchObject({ ok: true, value: { adapters: expect.arrayContaining([expect.objectContaining({ adapter: 'mail', complete: true })]) } });
    for (const text of [JSON.stringify(saved), JSON.stringify(view), ...logged]) expect(text).not.toContain('pa55-w0rd');
    expect(logged.some((line) => line.includes('connection settings changed'))).toBe(true);
  });
});

describe('the diagnostics screen', () => {
  it('in demo mode shows the store at work and the test doubles as demo, ready', async () => {
    const opened = await open({ demo: true });
    const seen = await diagnostics(opened);
    expect(seen.store).toMatchObject({ mode: 'live', lastError: null });
    if (onPostgres) expect(seen.store).toMatchObject({ state: 'connected', endpoint: expect.stringMatching(/^[\w.:-]+:\d+\/\w+$/) });
    else expect(seen.store).toMatchObject({ state: 'ready', endpoint: 'embedded' });
    for (const adapter of ['sms', 'confirmations', 'mail', 'cardPayments', 'wallets'] as const) {
      expect(seen[adapter], adapter).toMatchObject({ mode: 'demo', state: 'ready', lastError: null });
    }
    expect(seen.supportDesk).toMatchObject({ mode: 'live', state: 'ready' });
  });

  it('without demo mode says which services are not set up', async () => {
    const opened = await open({ demo: false });
    const seen = await diagnostics(opened);
    for (const adapter of ['sms', 'confirmations', 'mail', 'cardPayments', 'wallets'] as const) {
      expect(seen[adapter], adapter).toMatchObject({ mode: 'not-configured', state: 'not-configured', endpoint: null });
    }
    // Letters wait in the outbox until mail is set up: that is mail's queue.
    expect(seen.mail!.queueLength).toBe(0);
  });

  it('shows a live adapter’s own report: its endpoint, queue and last failure — without the number in the failure', async () => {
    const health = new HealthTracker('cardPayments', 'pay.example.test:443', () => new Date('2026-12-03T07:00:00Z'));
    health.connected();
    health.queue(2);
    health.failed(new Error('payment for +7 900 123-45-67 timed out'));
    const acquirer = Object.assign(new TestAcquirer(), { health: () => health.health() });
    const opened = await open({ demo: false, acquirer });
    const seen = await diagnostics(opened);
    expect(seen.cardPayments).toEqual({
      adapter: 'cardPayments',
      mode: 'live',
      state: 'connected',
      endpoint: 'pay.example.test:443',
      queueLength: 2,
      lastError: { at: '2026-12-03T07:00:00.000Z', message: expect.stringContaining('timed out') },
    });
    // Masked as the logs mask a number: the subscriber's digits are not on a screen staff turn to the customer.
    expect(seen.cardPayments!.lastError!.message).not.toMatch(/123.?45/);
  });

  it('on a kiosk is refused to a walk-in and shown to staff once the panel is unlocked', async () => {
    const config = new MemoryKioskConfigStore({ enabled: true });
    const noHost = {
      printer: { printers: async () => [], print: async () => undefined },
      clearWindowStorage: async () => undefined,
      clearClipboard: async () => undefined,
      exitKiosk: () => undefined,
    };
    const opened = await open({ demo: true, kiosk: { config, pinCost: testPasswordCost, host: noHost } });
    const window = opened.window();
    expect(await opened.dispatcher.dispatch(window, 'settings.diagnostics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await opened.dispatcher.dispatch(window, 'kiosk.setPin', { pin: '482915', repeat: '482915' })).toMatchObject({ ok: true });
    expect(await opened.dispatcher.dispatch(window, 'kiosk.unlockPanel', { pin: '482915' })).toMatchObject({ ok: true });
    expect((await diagnostics(opened, window)).sms).toMatchObject({ mode: 'demo', state: 'ready' });
    // The connection settings too: staff only.
    const smpp = { host: 'smsc.operator.test', port: 2775, systemId: 'cabinet', password: 's3cr3t', sourceAddress: 'Tele2' };
    expect(await opened.dispatcher.dispatch(opened.window('window-2'), 'settings.updateAdapterSettings', { adapter: 'sms', values: smpp })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await opened.dispatcher.dispatch(opened.window('window-2'), 'settings.adapterSettings', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const saved = await opened.dispatcher.dispatch(window, 'settings.updateAdapterSettings', { adapter: 'sms', values: smpp });
    expect(saved).toMatchObject({ ok: true, value: { restartNeeded: true } });
    expect(JSON.stringify(saved)).not.toContain('s3cr3t');
    // Another window on the same kiosk has not unlocked the panel.
    expect(await opened.dispatcher.dispatch(opened.window('window-2'), 'settings.diagnostics', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
