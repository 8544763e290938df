import { describe, expect, it } from 'vitest';
import { chainNoticesHealth, DiagnosticsBoard, describePort, HealthTracker, healthMessage, mailHealth, storeHealth } from '../../electron/network/adapterHealth';

const at = (iso: string) => new Date(iso);
const shared = (health: { lastFailure: { at: Date; message: string } | null; lastSuccess: Date | null; waiting?: number; listening?: 'off' | 'up' | 'down' }) => ({
  connectionHealth: () => ({ endpoint: 'db.chain.test:5432/cabinet', waiting: 0, listening: 'up' as const, ...health }),
});

describe('the store as the diagnostics screen shows it', () => {
  it('is connecting until it is open, then the embedded file is ready', () => {
    expect(storeHealth(null, false)).toMatchObject({ state: 'connecting' });
    expect(storeHealth({}, false)).toMatchObject({ state: 'ready', endpoint: 'embedded' });
  });

  it('is down when a failure came after the last unit of work that went through, and connected again after one does', () => {
    const failure = { at: at('2026-12-03T07:00:01Z'), message: 'Connection terminated unexpectedly' };
    expect(storeHealth(shared({ lastFailure: null, lastSuccess: null }), true)).toMatchObject({ state: 'ready', lastError: null });
    expect(storeHealth(shared({ lastFailure: null, lastSuccess: at('2026-12-03T07:00:00Z') }), true)).toMatchObject({ state: 'connected' });
    expect(storeHealth(shared({ lastFailure: failure, lastSuccess: at('2026-12-03T07:00:00Z'), waiting: 3 }), true)).toEqual({
      adapter: 'store',
      mode: 'live',
      state: 'down',
      endpoint: 'db.chain.test:5432/cabinet',
      lastError: { at: '2026-12-03T07:00:01.000Z', message: 'Connection terminated unexpectedly' },
      queueLength: 3,
    });
    // Back: the last failure stays on screen, the state says it works.
    expect(storeHealth(shared({ lastFailure: failure, lastSuccess: at('2026-12-03T07:00:05Z') }), true)).toMatchObject({ state: 'connected', lastError: { message: 'Connection terminated unexpectedly' } });
  });

  it('tells the chain’s notices by LISTEN’s state', () => {
    expect(chainNoticesHealth(shared({ lastFailure: null, lastSuccess: null, listening: 'up' }))).toMatchObject({ state: 'connected' });
    expect(chainNoticesHealth(shared({ lastFailure: { at: at('2026-12-03T07:00:00Z'), message: 'read ECONNRESET' }, lastSuccess: null, listening: 'down' }))).toMatchObject({
      state: 'down',
      lastError: { message: 'read ECONNRESET' },
    });
    expect(chainNoticesHealth(null)).toMatchObject({ state: 'connecting' });
  });
});

describe('mail as its outbox sender tells it', () => {
  const report = (state: 'not-configured' | 'ready' | 'failing', lastError: string | null = null) => ({ state, lastError, lastErrorAt: lastError ? '2026-12-03T07:00:00.000Z' : null, outbox: { queued: 3, sending: 1 } });
  it('letters waiting are the queue in every mode; a failing server is down with its reason', () => {
    expect(mailHealth(report('not-configured'), false, null)).toMatchObject({ mode: 'not-configured', queueLength: 4 });
    expect(mailHealth(report('not-configured'), true, null)).toMatchObject({ mode: 'demo', state: 'ready', queueLength: 4 });
    expect(mailHealth(report('ready'), false, 'smtp.operator.test:587')).toMatchObject({ mode: 'live', state: 'ready', endpoint: 'smtp.operator.test:587' });
    expect(mailHealth(report('failing', '535 authentication failed'), false, 'smtp.operator.test:587')).toMatchObject({
      state: 'down',
      lastError: { at: '2026-12-03T07:00:00.000Z', message: '535 authentication failed' },
    });
  });
});

describe('ports and their own reports', () => {
  it('a port without an adapter is not configured; a demo double is demo; a live one without a report is ready', () => {
    expect(describePort('sms', { configured: false }, false)).toMatchObject({ mode: 'not-configured', state: 'not-configured' });
    expect(describePort('sms', {}, true)).toMatchObject({ mode: 'demo', state: 'ready' });
    expect(describePort('sms', {}, false)).toMatchObject({ mode: 'live', state: 'ready' });
  });

  it('a tracker follows its adapter: connecting, connected, down with the reason, a queue', () => {
    const tracker = new HealthTracker('sms', 'smsc.test:2775', () => at('2026-12-03T07:00:00Z'));
    expect(tracker.health()).toMatchObject({ state: 'connecting', lastError: null, queueLength: null });
    tracker.connected();
    tracker.queue(4.7);
    expect(tracker.health()).toMatchObject({ state: 'connected', queueLength: 4 });
    tracker.down(new Error('bind refused: ESME_RINVPASWD'));
    expect(tracker.health()).toMatchObject({ state: 'down', lastError: { at: '2026-12-03T07:00:00.000Z', message: 'bind refused: ESME_RINVPASWD' } });
  });

  it('a failure text never carries a code, a card number or a password, and is kept short', () => {
    const text = healthMessage(new Error(`code: 482915 for card 4111 1111 1111 1111, password is hunter2 ${'x'.repeat(500)}`));
    expect(text).not.toMatch(/482915|4111 1111|hunter2/);
    expect(text.length).toBeLessThanOrEqual(300);
  });

  it('a report that throws is shown as that adapter down, and the others still show', async () => {
    const board = new DiagnosticsBoard(() => at('2026-12-03T07:00:00Z'));
    board.add('sms', () => {
      throw new Error('socket closed');
    });
    board.add('mail', () => describePort('mail', { configured: false }, false));
    expect((await board.snapshot()).adapters).toEqual([
      { adapter: 'sms', mode: 'live', state: 'down', endpoint: null, lastError: { at: '2026-12-03T07:00:00.000Z', message: 'socket closed' }, queueLength: null },
      expect.objectContaining({ adapter: 'mail', state: 'not-configured' }),
    ]);
  });
});
