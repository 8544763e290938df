import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SmppNetwork } from '../../electron/network/smpp/smppNetwork';
import { SequentialIds } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logger';
import type { E164 } from '../../shared/phone';
import type { Result } from '../../shared/contract/errors';
import { demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';
import { KannelNetwork, kannelMissing, SHORT_CODE, SMPP_LOGIN } from './kannelNetwork';

/**
 * SMS for real: the app binds to Kannel's opensmppbox over SMPP 3.4 as an ESME (a transceiver); bearerbox routes to
 * fakesmsc, which stands for the phones. Nothing here is a double of the app's side.
 */
const missing = kannelMissing();
if (missing) console.warn(`SMS over SMPP suite skipped: ${missing}`);

const other = operatorData.demoSubscribers[1]!.lines[0]!;

describe.skipIf(missing !== null)('SMS through Kannel over SMPP', () => {
  let network: KannelNetwork;
  let centre: SmppNetwork;
  let cabinet: TestCabinet;
  let dir: Awaited<ReturnType<typeof tempDir>>;
  const events: Array<{ window: string; event: string; payload: unknown }> = [];

  beforeAll(async () => {
    network = await KannelNetwork.start();
    dir = await tempDir();
    centre = new SmppNetwork(
      { host: '127.0.0.1', port: network.smppPort, ...SMPP_LOGIN, sourceAddress: SHORT_CODE, enquireLinkSeconds: 5 },
      { now: () => Date.now() },
      new SequentialIds(),
      silentLogger,
      { reconnectFirstMs: 200, reconnectMaxMs: 1_000, responseTimeoutMs: 5_000, sendTimeoutMs: 20_000 },
    );
    cabinet = await openTestCabinet(dir.path, { demo: false, network: { sms: centre, confirmations: centre } });
    centre.start();
    await network.until(() => centre.status().state === 'bound', 15_000, 'the bind to opensmppbox');
    for (const window of ['window-1', 'window-2', 'window-3']) cabinet.dispatcher.connect(window, (event, payload) => events.push({ window, event, payload }));
  }, 60_000);

  afterAll(async () => {
    await cabinet?.close();
    await network?.stop();
    await dir?.remove();
  });

  const call = (method: string, input: unknown, window = 'window-1'): Promise<Result<unknown>> => cabinet.dispatcher.dispatch(cabinet.window(window), method, input);

  it('a sign-in code travels app → SMPP → Kannel → the phone, signs in, and its delivery report is recorded', async () => {
    const from = network.received.length;
    expect(await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' })).toMatchObject({ ok: true });
    const [sms] = await network.messagesTo(demoLine.msisdn, 1, from);
    expect(sms!.from).toBe(SHORT_CODE);
    const code = /\b(\d{6})\b/.exec(sms!.text)?.[1];
    expect(code, sms!.text).toBeDefined();
    expect(await call('auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code })).toMatchObject({ ok: true, value: { way: 'code' } });

    // Kannel reports the message delivered (deliver_sm with a receipt); the journal shows it, the code hidden.
    let history: Array<{ status: string; preview: string; direction: string }> = [];
    for (let tries = 0; tries < 100 && !history.some((entry) => entry.status === 'delivered'); tries += 1) {
      await centre.settled();
      const result = (await call('security.smsHistory', {})) as { ok: true; value: typeof history };
      history = result.value;
      if (!history.some((entry) => entry.status === 'delivered')) await new Promise((resolve) => setTimeout(resolve, 150));
    }
    const entry = history.find((one) => one.direction === 'out')!;
    expect(entry.status).toBe('delivered');
    expect(entry.preview).not.toContain(code!);
    expect(entry.preview).toMatch(/••••••/);
  });

  it('a passwordless «1» from the phone comes back as MO and signs the waiting window in; a «1» from another number does not', async () => {
    const from = network.received.length;
    expect(await call('auth.startConfirmation', { phone: demoLine.msisdn }, 'window-2')).toMatchObject({ ok: true });
    const [prompt] = await network.messagesTo(demoLine.msisdn, 1, from);
    expect(prompt!.text).toBe('Вход в личный кабинет. Нажмите 1 для подтверждения');

    // Someone else's phone answers: nothing happens to the waiting window.
    await network.reply(other.msisdn, '1');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(events.filter((event) => event.window === 'window-2' && event.event === 'confirmation.resolved')).toEqual([]);
    expect(await call('auth.currentSession', {}, 'window-2')).toEqual({ ok: true, value: null });

    await network.reply(demoLine.msisdn, '1');
    await network.until(() => events.some((event) => event.window === 'window-2' && event.event === 'confirmation.resolved'), 15_000, 'the confirmation');
    expect(events.find((event) => event.window === 'window-2' && event.event === 'confirmation.resolved')!.payload).toEqual({ outcome: 'approved' });
    expect(await call('auth.currentSession', {}, 'window-2')).toMatchObject({ ok: true, value: { way: 'confirmation', msisdn: demoLine.msisdn } });

    // A second «1» after the prompt is answered opens nothing more.
    await network.reply(demoLine.msisdn, '1');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(events.filter((event) => event.event === 'confirmation.resolved')).toHaveLength(1);
  });

  it('a long Cyrillic text goes in UCS-2 parts joined by UDH and arrives whole', async () => {
    const text = 'Уважаемый абонент! Ваш тариф «Связь+» продлён до 31 декабря; остаток пакета — 12 ГБ и 300 минут. Спасибо, что вы с нами. ✓';
    expect(text.length).toBeGreaterThan(70);
    const from = network.received.length;
    await centre.send(demoLine.msisdn as E164, text);
    const parts = await network.messagesTo(demoLine.msisdn, 2, from);
    // Kannel joins the parts it gets and splits again for the phone: what the phone puts together is the text.
    const references = new Set(parts.map((part) => part.udh?.[3]));
    expect(references.size).toBe(1);
    const total = parts[0]!.udh![4]!;
    const all = await network.messagesTo(demoLine.msisdn, total, from);
    const whole = [...all].sort((a, b) => a.udh![5]! - b.udh![5]!).map((part) => part.text).join('');
    expect(whole).toBe(text);
  });

  it('after the link drops, the adapter binds again and the next code still reaches the phone', async () => {
    const bindsBefore = centre.status().binds;
    await network.restartOpensmppbox();
    await network.until(() => centre.status().binds > bindsBefore && centre.status().state === 'bound', 20_000, 'a new bind after the drop');
    const from = network.received.length;
    cabinet.clock.advance(5 * 60_000); // past the pause between two codes for one number
    expect(await call('auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' }, 'window-3')).toMatchObject({ ok: true });
    const [sms] = await network.messagesTo(demoLine.msisdn, 1, from);
    expect(sms!.text).toMatch(/\d{6}/);
  });
});
