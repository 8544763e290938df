import { afterEach, describe, expect, it } from 'vitest';
import * as smpp from 'smpp';
import { SmppNetwork, type SmppTuning } from '../../electron/network/smpp/smppNetwork';
import {
  concatenationUdh,
  decodeShortMessage,
  e164FromSmpp,
  parseDeliveryReceipt,
  smsParts,
  withoutCodes,
} from '../../electron/network/smpp/smsParts';
import { parseSmppSettings, sealSmppPassword, SmppSettingsError } from '../../electron/settings/smppSettings';
import { SequentialIds } from '../../electron/core/ids';
import { silentLogger } from '../../electron/core/logger';
import type { E164 } from '../../shared/phone';

const ucs2 = (text: string) => Buffer.from(text, 'utf16le').swap16();
const textOf = (bytes: Buffer) => Buffer.from(bytes).swap16().toString('utf16le');

describe('splitting a text into SMS parts', () => {
  it('a short Cyrillic text is one UCS-2 part (data_coding 8) without a UDH', () => {
    const parts = smsParts('Код для входа: 123456', 7);
    expect(parts).toEqual({ dataCoding: 8, esmClass: 0, parts: [ucs2('Код для входа: 123456')] });
  });

  it('70 Cyrillic letters fit one SMS; 71 make two parts of 67 and 4 joined by one reference', () => {
    expect(smsParts('я'.repeat(70), 1).parts).toHaveLength(1);
    const split = smsParts('я'.repeat(71), 42);
    expect(split.esmClass).toBe(0x40);
    expect(split.parts.map((part) => part.subarray(0, 6))).toEqual([concatenationUdh(42, 2, 1), concatenationUdh(42, 2, 2)]);
    expect(split.parts.map((part) => textOf(part.subarray(6)).length)).toEqual([67, 4]);
    expect(split.parts.every((part) => part.length <= 140)).toBe(true);
  });

  it('a Latin text goes in the default alphabet: 160 characters in one SMS, 153 in each part after that', () => {
    expect(smsParts('a'.repeat(160), 0)).toMatchObject({ dataCoding: 0, esmClass: 0 });
    const split = smsParts('b'.repeat(161), 9);
    expect(split.dataCoding).toBe(0);
    expect(split.parts.map((part) => part.length - 6)).toEqual([153, 8]);
  });

  it('characters the default alphabet codes differently (@, $, _) or lacks (₽) make the text UCS-2', () => {
    for (const text of ['a@b.ru', 'cost $5', 'snake_case', '100 ₽']) expect(smsParts(text, 0).dataCoding).toBe(8);
  });

  it('an emoji is never cut between two parts', () => {
    const text = `${'ж'.repeat(66)}😀${'ж'.repeat(10)}`;
    const split = smsParts(text, 3);
    expect(split.parts.map((part) => textOf(part.subarray(6))).join('')).toBe(text);
    expect(textOf(split.parts[0]!.subarray(6))).toBe('ж'.repeat(66));
  });

  it('an empty text, a bad reference and a text past 255 parts are refused, naming the field', () => {
    expect(() => smsParts('', 0)).toThrow(/^text:/);
    expect(() => smsParts('x', 256)).toThrow(/^reference:/);
    expect(() => smsParts('ю'.repeat(67 * 255 + 1), 0)).toThrow(/text: too long/);
  });
});

describe('reading what the SMS centre delivers', () => {
  it('a UCS-2 part with a concatenation UDH gives its text and its place', () => {
    const bytes = Buffer.concat([concatenationUdh(5, 3, 2), ucs2('Да')]);
    expect(decodeShortMessage(bytes, 8, 0x40)).toEqual({ text: 'Да', concatenation: { reference: 5, total: 3, number: 2 } });
    expect(decodeShortMessage(Buffer.from('1'), 0, 0)).toEqual({ text: '1', concatenation: null });
  });

  it('a text receipt (SMPP 3.4 appendix B) and one with TLVs give the part id and its state', () => {
    expect(parseDeliveryReceipt('id:97226b3f sub:001 dlvrd:001 submit date:2612030651 done date:2612030651 stat:DELIVRD err:000 text:x')).toEqual({
      messageId: '97226b3f',
      state: 'delivered',
      stat: 'DELIVRD',
    });
    expect(parseDeliveryReceipt('id:abc sub:001 dlvrd:000 stat:UNDELIV err:001')).toMatchObject({ state: 'undeliverable' });
    expect(parseDeliveryReceipt('', { receiptedMessageId: 'tlv-id', messageState: 2 })).toEqual({ messageId: 'tlv-id', state: 'delivered', stat: 'DELIVRD' });
    expect(parseDeliveryReceipt('id:abc stat:ACCEPTD')).toMatchObject({ state: 'en-route' });
    expect(parseDeliveryReceipt('hello')).toBeNull();
  });

  it('the history never shows a code: runs of four or more digits are hidden', () => {
    expect(withoutCodes('Код для входа: 123456. Никому не сообщайте. 31 декабря')).toBe('Код для входа: ••••••. Никому не сообщайте. 31 декабря');
  });

  it('a handset address in any of the SMSC forms becomes E.164; anything else is no subscriber', () => {
    expect(['79161234567', '+79161234567', '89161234567', '9161234567'].map(e164FromSmpp)).toEqual(Array(4).fill('+79161234567'));
    expect(e164FromSmpp('0611')).toBeNull();
    expect(e164FromSmpp('INFO')).toBeNull();
  });
});

describe('settings.json smpp', () => {
  const good = { host: 'smsc.example', port: 2775, systemId: 'cabinet', password: 's3cret', sourceAddress: '0611' };

  it('absent: not configured; present: the connection with defaults', () => {
    expect(parseSmppSettings(undefined)).toBeNull();
    expect(parseSmppSettings(good)).toEqual({ ...good, systemType: '', enquireLinkSeconds: 30, window: 10 });
  });

  it('a bad entry is an error naming each field', () => {
    const error = (() => {
      try {
        parseSmppSettings({ ...good, port: 70000, password: 'much-too-long', sourceAddress: 'a sender name that is long', extra: 1 });
      } catch (caught) {
        return caught as SmppSettingsError;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SmppSettingsError);
    expect(error!.fields).toEqual(expect.arrayContaining(['smpp.port', 'smpp.password', 'smpp.sourceAddress', 'smpp.extra']));
    expect(error!.message).not.toContain('much-too-long');
    const { password: _password, ...withoutPassword } = good;
    expect(() => parseSmppSettings(withoutPassword)).toThrow(/smpp\.password/);
  });

  it('a hand-written password is sealed and leaves the entry; the sealed one is unsealed for the link only', () => {
    const sealed = sealSmppPassword(good, (password) => Buffer.from(`sealed:${password}`).toString('base64'))!;
    expect(sealed).not.toHaveProperty('password');
    expect(JSON.stringify(sealed)).not.toContain('s3cret');
    const unseal = (value: string) => Buffer.from(value, 'base64').toString().replace(/^sealed:/, '');
    expect(parseSmppSettings(sealed, unseal)?.password).toBe('s3cret');
    expect(() => parseSmppSettings(sealed)).toThrow(/smpp\.sealedPassword/);
    expect(() =>
      parseSmppSettings(sealed, () => {
        throw new Error('another user');
      }),
    ).toThrow(/sealed by another user or computer/);
  });
});

/** A small SMSC for the link's own behaviour (throttling, keep-alive, replies): a test double that lives only here. */
class TestSmsc {
  readonly submits: Array<{ at: number; destination: string; bytes: Buffer }> = [];
  readonly enquireLinks: number[] = [];
  sessions: smpp.Session[] = [];
  binds = 0;
  throttleNext = 0;
  answerEnquireLink = true;
  private server: smpp.Server;
  private counter = 0;

  constructor() {
    this.server = smpp.createServer((session) => {
      this.sessions.push(session);
      session.on('error', () => undefined);
      session.on('bind_transceiver', (pdu: smpp.Pdu) => {
        this.binds += 1;
        session.send(pdu.response({ command_status: pdu.password === 'pw' ? 0 : 0x0e, system_id: 'test' }));
      });
      session.on('enquire_link', (pdu: smpp.Pdu) => {
        this.enquireLinks.push(Date.now());
        if (this.answerEnquireLink) session.send(pdu.response());
      });
      session.on('submit_sm', (pdu: smpp.Pdu) => {
        this.submits.push({ at: Date.now(), destination: String(pdu.destination_addr), bytes: Buffer.from((pdu.short_message as { message: Buffer }).message ?? []) });
        if (this.throttleNext > 0) {
          this.throttleNext -= 1;
          session.send(pdu.response({ command_status: 0x58 }));
          return;
        }
        this.counter += 1;
        session.send(pdu.response({ message_id: `m${this.counter}` }));
      });
      session.on('unbind', (pdu: smpp.Pdu) => session.send(pdu.response()));
    });
  }

  async listen(): Promise<number> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    return (this.server.address() as { port: number }).port;
  }

  /** A message from a phone (or a receipt) to the bound ESME. */
  deliver(options: Record<string, unknown>): void {
    this.sessions.at(-1)!.deliver_sm(options);
  }

  async close(): Promise<void> {
    for (const session of this.sessions) session.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

describe('the SMPP link', () => {
  let smsc: TestSmsc | null = null;
  let network: SmppNetwork | null = null;
  afterEach(async () => {
    await network?.stop();
    await smsc?.close();
    network = null;
    smsc = null;
  });

  const waitFor = async (condition: () => boolean, what: string, timeoutMs = 5_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  async function bound(options: { password?: string; enquireLinkSeconds?: number; tuning?: Partial<SmppTuning> } = {}): Promise<SmppNetwork> {
    smsc = new TestSmsc();
    const port = await smsc.listen();
    network = new SmppNetwork(
      { host: '127.0.0.1', port, systemId: 'cabinet', password: options.password ?? 'pw', systemType: '', sourceAddress: '0611', enquireLinkSeconds: options.enquireLinkSeconds ?? 30 },
      { now: () => Date.now() },
      new SequentialIds(),
      silentLogger,
      { reconnectFirstMs: 50, reconnectMaxMs: 200, responseTimeoutMs: 500, throttleFirstMs: 100, ...options.tuning },
    );
    network.start();
    return network;
  }

  it('ESME_RTHROTTLED is answered with a pause that doubles, then the same part again; the message is taken once', async () => {
    const link = await bound();
    await waitFor(() => link.status().state === 'bound', 'the bind');
    smsc!.throttleNext = 2;
    await link.send('+79161234567' as E164, 'Код: 1234');
    expect(smsc!.submits).toHaveLength(3);
    expect(new Set(smsc!.submits.map((submit) => submit.bytes.toString('hex'))).size).toBe(1);
    const gaps = smsc!.submits.slice(1).map((submit, index) => submit.at - smsc!.submits[index]!.at);
    // Timers never fire early by more than a tick: the pauses are at least 100 ms, then 200 ms.
    expect(gaps[0]).toBeGreaterThanOrEqual(95);
    expect(gaps[1]).toBeGreaterThanOrEqual(195);
  });

  it('a part throttled past the retries fails the message instead of waiting for ever', async () => {
    const link = await bound({ tuning: { throttleRetries: 1, throttleFirstMs: 20 } });
    await waitFor(() => link.status().state === 'bound', 'the bind');
    smsc!.throttleNext = 5;
    await expect(link.send('+79161234567' as E164, 'x')).rejects.toThrow(/refused the message \(command_status 0x00000058\)/);
  });

  it('a quiet link is kept with enquire_link; one the SMSC stops answering is bound again', async () => {
    const link = await bound({ enquireLinkSeconds: 0.2 });
    await waitFor(() => link.status().state === 'bound', 'the bind');
    await waitFor(() => smsc!.enquireLinks.length >= 2, 'two enquire_links');
    expect(link.status().binds).toBe(1);
    smsc!.answerEnquireLink = false;
    await waitFor(() => link.status().binds >= 2, 'a new bind after enquire_link went unanswered');
  });

  it('a refused bind leaves the link down with the reason, never the password', async () => {
    const link = await bound({ password: 'wrong' });
    await waitFor(() => link.status().lastError !== null, 'the refusal');
    expect(link.status()).toMatchObject({ state: expect.stringMatching(/down|connecting/) });
    expect(link.status().lastError).toMatch(/refused the bind \(command_status 0xe\)/);
    expect(JSON.stringify(link.status())).not.toContain('wrong');
  });

  it('a reply answers only the prompt of the number it comes from, only while the prompt is open', async () => {
    const link = await bound();
    const answers: Array<[string, string]> = [];
    link.attach({ journal: { read: async () => undefined as never, write: async () => undefined as never }, answer: async (promptId, key) => void answers.push([promptId, key]) });
    await waitFor(() => link.status().state === 'bound', 'the bind');
    link.prompt('+79161234567' as E164, { id: 'prompt-1', text: 'Вход. Нажмите 1', expiresAt: Date.now() + 120_000 });
    await waitFor(() => smsc!.submits.length === 1, 'the prompt SMS');

    smsc!.deliver({ source_addr: '79997654321', destination_addr: '0611', short_message: '1' });
    link.prompt('+79160000000' as E164, { id: 'prompt-2', text: 'Вход. Нажмите 1', expiresAt: Date.now() + 120_000 });
    link.close('prompt-2');
    smsc!.deliver({ source_addr: '79160000000', destination_addr: '0611', short_message: '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers).toEqual([]);

    smsc!.deliver({ source_addr: '79161234567', destination_addr: '0611', data_coding: 8, short_message: ucs2(' 1 ') });
    await waitFor(() => answers.length === 1, 'the answer');
    expect(answers).toEqual([['prompt-1', '1']]);
    // The prompt is answered: a second reply goes nowhere.
    smsc!.deliver({ source_addr: '79161234567', destination_addr: '0611', short_message: '1' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(answers).toHaveLength(1);
  });
});
