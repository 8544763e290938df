import type { AdapterHealth } from '../../../shared/contract/settings';
import { healthMessage } from '../adapterHealth';
import * as smpp from 'smpp';
import type { ConfirmationGateway, SmsGateway } from '../../core/auth/ports';
import type { Clock } from '../../core/clock';
import type { IdGenerator } from '../../core/ids';
import type { Logger } from '../../core/logger';
import type { SmsPartRecord } from '../../core/sms/ports';
import type { UnitOfWork } from '../../core/unitOfWork';
import type { E164 } from '../../../shared/phone';
import type { SmppConnectionSettings } from '../../settings/smppSettings';
import { decodeShortMessage, e164FromSmpp, ESM_DELIVERY_RECEIPT, parseDeliveryReceipt, smppAddress, smsParts, withoutCodes } from './smsParts';

/** Timings of the link; the defaults suit an SMSC across a network, tests shorten them. */
export interface SmppTuning {
  /** How long a request (bind, submit_sm, enquire_link) may wait for its response before the link counts as dead. */
  responseTimeoutMs: number;
  /** The first wait before reconnecting after the link dropped; it doubles up to `reconnectMaxMs`. */
  reconnectFirstMs: number;
  reconnectMaxMs: number;
  /** The first pause after ESME_RTHROTTLED / ESME_RMSGQFUL; it doubles with each refusal in a row up to `throttleMaxMs`. */
  throttleFirstMs: number;
  throttleMaxMs: number;
  /** How many times one part is offered again after being throttled before the message fails. */
  throttleRetries: number;
  /** How long `send` waits for the SMS centre to take every part (across reconnects) before it gives up. */
  sendTimeoutMs: number;
  /** Requests in flight at once (the SMPP window). */
  window: number;
}

export const defaultSmppTuning: SmppTuning = {
  responseTimeoutMs: 10_000,
  reconnectFirstMs: 1_000,
  reconnectMaxMs: 60_000,
  throttleFirstMs: 250,
  throttleMaxMs: 10_000,
  throttleRetries: 12,
  sendTimeoutMs: 20_000,
  window: 10,
};

export type SmppLinkState = 'connecting' | 'bound' | 'down' | 'stopped';

/** What diagnostics show of the link: never the password. */
export interface SmppStatus {
  state: SmppLinkState;
  lastError: string | null;
  queueLength: number;
  /** Binds made since start (more than one: the link dropped and was made again). */
  binds: number;
}

interface PendingPart {
  messageId: string;
  number: number;
  destination: string;
  dataCoding: number;
  esmClass: number;
  bytes: Buffer;
  throttled: number;
  done: (error: Error | null) => void;
}

const THROTTLED = new Set([0x58 /* ESME_RTHROTTLED */, 0x14 /* ESME_RMSGQFUL */]);
/** The reply a subscriber may send to the passwordless prompt: a key and nothing else. */
const REPLY_LIMIT = 20;

/**
 * The operator's SMS centre over SMPP 3.4: one transceiver bind (to Kannel's opensmppbox, or any SMSC) that sends
 * codes and prompts to subscribers' phones, takes their replies (a «1» to the passwordless prompt signs the waiting
 * window in) and the delivery receipts of what was sent, which the SMS journal records per message.
 * The link is kept: enquire_link when quiet, a new bind with back-off when it drops, a pause when the SMSC throttles.
 */
export class SmppNetwork implements SmsGateway, ConfirmationGateway {
  readonly configured = true;
  private session: smpp.Session | null = null;
  private state: SmppLinkState = 'down';
  private lastError: string | null = null;
  private lastErrorAt: string | null = null;
  private binds = 0;
  private readonly queue: PendingPart[] = [];
  private readonly inFlight = new Map<number, { part: PendingPart; timer: NodeJS.Timeout }>();
  private throttledUntil = 0;
  private throttleTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelay: number;
  private enquireTimer: NodeJS.Timeout | null = null;
  private lastHeard = 0;
  private reference = Math.floor(Math.random() * 256);
  /** The open passwordless prompt of each number: a reply from that number answers it. */
  private readonly prompts = new Map<E164, string>();
  /** Parts of a long reply, until every part is in (by number and reference). */
  private readonly replyParts = new Map<string, Map<number, string>>();
  private journal: UnitOfWork | null = null;
  private journalChain: Promise<void> = Promise.resolve();
  private answer: ((promptId: string, key: string) => Promise<void>) | null = null;
  private readonly tuning: SmppTuning;
  private readonly listeners = new Set<(status: SmppStatus) => void>();

  constructor(
    private readonly settings: SmppConnectionSettings,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly logger: Logger,
    tuning: Partial<SmppTuning> = {},
  ) {
    this.tuning = { ...defaultSmppTuning, ...(settings.window ? { window: settings.window } : {}), ...tuning };
    this.reconnectDelay = this.tuning.reconnectFirstMs;
  }

  /** Where the replies and receipts go: the core's confirmation service and the store's SMS journal. */
  attach(wiring: { journal: UnitOfWork; answer: (promptId: string, key: string) => Promise<void> }): void {
    this.journal = wiring.journal;
    this.answer = wiring.answer;
  }

  /** Makes the link (and keeps making it until `stop`). */
  start(): void {
    if (this.state === 'stopped' || this.session) return;
    this.connect();
  }

  status(): SmppStatus {
    return { state: this.state, lastError: this.lastError, queueLength: this.queue.length + this.inFlight.size, binds: this.binds };
  }

  /** The diagnostics screen's view of the link: bound is connected; what waits or has no answer yet is the queue. */
  health(): AdapterHealth {
    const state = this.state === 'bound' ? 'connected' : this.state === 'connecting' ? 'connecting' : 'down';
    return {
      adapter: 'sms',
      mode: 'live',
      state,
      endpoint: `${this.settings.host}:${this.settings.port}`,
      lastError: this.lastError ? { at: this.lastErrorAt ?? new Date(this.clock.now()).toISOString(), message: healthMessage(this.lastError) } : null,
      queueLength: this.queue.length + this.inFlight.size,
    };
  }

  /** Told each time the link's state changes (bound, down …). */
  onStatus(listener: (status: SmppStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the SMS centre has taken every part; a message it refuses, or cannot take in time, rejects. */
  async send(msisdn: E164, text: string): Promise<void> {
    await this.submit(msisdn, text);
  }

  prompt(msisdn: E164, prompt: { id: string; text: string; expiresAt: number }): void {
    this.prompts.set(msisdn, prompt.id);
    this.submit(msisdn, prompt.text).catch((error: unknown) =>
      this.logger.warn('the passwordless prompt could not be sent by SMS', { error: (error as Error).message }),
    );
  }

  close(promptId: string): void {
    for (const [msisdn, open] of this.prompts) if (open === promptId) this.prompts.delete(msisdn);
  }

  /** Unbinds and closes the link; what was waiting fails. */
  async stop(): Promise<void> {
    this.state = 'stopped';
    for (const timer of [this.reconnectTimer, this.enquireTimer, this.throttleTimer]) if (timer) clearTimeout(timer);
    const session = this.session;
    this.session = null;
    for (const { part, timer } of this.inFlight.values()) {
      clearTimeout(timer);
      part.done(new Error('the SMS link was closed'));
    }
    this.inFlight.clear();
    for (const part of this.queue.splice(0)) part.done(new Error('the SMS link was closed'));
    if (session) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => session.destroy(() => resolve()), 1_000);
        session.unbind({}, () => {
          clearTimeout(timer);
          session.destroy(() => resolve());
        });
      });
    }
    await this.journalChain;
  }

  private async submit(msisdn: E164, text: string): Promise<void> {
    this.reference = (this.reference + 1) % 256;
    const split = smsParts(text, this.reference);
    const messageId = this.ids.next('sms');
    const at = this.now();
    const parts: SmsPartRecord[] = split.parts.map((_bytes, index) => ({ messageId, number: index + 1, smscId: null, status: 'queued' }));
    this.record((repos) => repos.smsMessages.add({ id: messageId, msisdn, direction: 'out', preview: withoutCodes(text), parts: parts.length, status: 'queued', detail: null, createdAt: at, updatedAt: at }, parts));
    const taken = split.parts.map(
      (bytes, index) =>
        new Promise<void>((resolve, reject) => {
          this.queue.push({
            messageId,
            number: index + 1,
            destination: smppAddress(msisdn),
            dataCoding: split.dataCoding,
            esmClass: split.esmClass,
            bytes,
            throttled: 0,
            done: (error) => (error ? reject(error) : resolve()),
          });
        }),
    );
    this.pump();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error('the SMS centre did not take the message in time')), this.tuning.sendTimeoutMs);
    });
    try {
      await Promise.race([Promise.all(taken), timeout]);
    } catch (error) {
      // Parts still waiting are dropped: the caller was told the message failed.
      for (let index = this.queue.length - 1; index >= 0; index -= 1) if (this.queue[index]!.messageId === messageId) this.queue.splice(index, 1);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  private connect(): void {
    this.setState('connecting');
    const session = smpp.connect({ host: this.settings.host, port: this.settings.port });
    this.session = session;
    let bound = false;
    const bindTimer = setTimeout(() => this.linkFailed(session, 'the SMS centre did not answer the bind in time'), this.tuning.responseTimeoutMs);
    session.on('connect', () => {
      session.bind_transceiver(
        {
          system_id: this.settings.systemId,
          password: this.settings.password,
          system_type: this.settings.systemType,
          interface_version: 0x34,
          addr_ton: 0,
          addr_npi: 0,
        },
        (response) => {
          clearTimeout(bindTimer);
          if (response.command_status !== 0) {
            this.linkFailed(session, `the SMS centre refused the bind (command_status 0x${response.command_status.toString(16)})`);
            return;
          }
          bound = true;
          this.binds += 1;
          this.reconnectDelay = this.tuning.reconnectFirstMs;
          this.lastHeard = Date.now();
          this.setState('bound');
          this.logger.info('the SMS centre link is bound', { host: this.settings.host, port: this.settings.port });
          this.keepAlive(session);
          this.pump();
        },
      );
    });
    session.on('pdu', () => (this.lastHeard = Date.now()));
    session.on('deliver_sm', (pdu: smpp.Pdu) => void this.delivered(session, pdu));
    session.on('enquire_link', (pdu: smpp.Pdu) => session.send(pdu.response()));
    session.on('unbind', (pdu: smpp.Pdu) => {
      session.send(pdu.response());
      this.linkFailed(session, 'the SMS centre unbound');
    });
    session.on('error', (error: Error) => {
      clearTimeout(bindTimer);
      this.linkFailed(session, bound ? `the SMS link failed: ${error.message}` : `the SMS centre could not be reached: ${error.message}`);
    });
    session.on('close', () => {
      clearTimeout(bindTimer);
      this.linkFailed(session, 'the SMS centre closed the link');
    });
  }

  /** enquire_link whenever the link has been quiet for the configured time; no answer in time: the link is dead. */
  private keepAlive(session: smpp.Session): void {
    const every = this.settings.enquireLinkSeconds * 1000;
    const check = () => {
      if (this.session !== session || this.state !== 'bound') return;
      if (Date.now() - this.lastHeard >= every) {
        const timer = setTimeout(() => this.linkFailed(session, 'the SMS centre did not answer enquire_link'), this.tuning.responseTimeoutMs);
        session.enquire_link({}, () => clearTimeout(timer));
      }
      this.enquireTimer = setTimeout(check, Math.max(250, every / 2));
      this.enquireTimer.unref?.();
    };
    this.enquireTimer = setTimeout(check, Math.max(250, every / 2));
    this.enquireTimer.unref?.();
  }

  private linkFailed(session: smpp.Session, reason: string): void {
    if (this.session !== session) return;
    this.session = null;
    session.destroy();
    if (this.enquireTimer) clearTimeout(this.enquireTimer);
    // What was in flight goes again on the next link, before anything newer: a part may reach the phone twice, never not at all.
    const unanswered = [...this.inFlight.values()].sort((a, b) => a.part.number - b.part.number);
    for (const { timer } of unanswered) clearTimeout(timer);
    this.inFlight.clear();
    this.queue.unshift(...unanswered.map(({ part }) => part));
    if (this.state === 'stopped') return;
    this.lastError = reason;
    this.lastErrorAt = new Date(this.clock.now()).toISOString();
    this.logger.warn('the SMS centre link is down; it is made again', { reason, retryInMs: this.reconnectDelay });
    this.setState('down');
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.state !== 'stopped') this.connect();
    }, this.reconnectDelay);
    this.reconnectTimer.unref?.();
    this.reconnectDelay = Math.min(this.reconnectDelay * 2, this.tuning.reconnectMaxMs);
  }

  private pump(): void {
    const session = this.session;
    if (!session || this.state !== 'bound') return;
    const wait = this.throttledUntil - Date.now();
    if (wait > 0) {
      if (!this.throttleTimer) {
        this.throttleTimer = setTimeout(() => {
          this.throttleTimer = null;
          this.pump();
        }, wait);
      }
      return;
    }
    while (this.queue.length > 0 && this.inFlight.size < this.tuning.window) {
      const part = this.queue.shift()!;
      this.submitPart(session, part);
    }
  }

  private submitPart(session: smpp.Session, part: PendingPart): void {
    let sequence = 0;
    const onResponse = (response: smpp.Pdu) => {
      const entry = this.inFlight.get(sequence);
      if (!entry || entry.part !== part) return;
      clearTimeout(entry.timer);
      this.inFlight.delete(sequence);
      this.answered(part, response);
      this.pump();
    };
    const sent = session.submit_sm(
      {
        source_addr_ton: /^\d+$/.test(this.settings.sourceAddress) ? (this.settings.sourceAddress.length > 8 ? 1 : 3) : 5,
        source_addr_npi: /^\d+$/.test(this.settings.sourceAddress) ? 1 : 0,
        source_addr: this.settings.sourceAddress,
        dest_addr_ton: 1,
        dest_addr_npi: 1,
        destination_addr: part.destination,
        esm_class: part.esmClass,
        data_coding: part.dataCoding,
        registered_delivery: 1,
        short_message: part.bytes,
      },
      onResponse,
    );
    if (!sent) {
      this.queue.unshift(part);
      return;
    }
    // The library numbers the PDU as it sends it: the newest sequence is ours.
    sequence = (session as unknown as { sequence: number }).sequence;
    const timer = setTimeout(() => this.linkFailed(session, 'the SMS centre did not answer submit_sm in time'), this.tuning.responseTimeoutMs);
    this.inFlight.set(sequence, { part, timer });
  }

  private answered(part: PendingPart, response: smpp.Pdu): void {
    const status = response.command_status;
    if (status === 0) {
      const smscId = typeof response.message_id === 'string' ? response.message_id : null;
      this.record((repos) => repos.smsMessages.partSubmitted(part.messageId, part.number, { smscId, status: 'sent' }, null, this.now()));
      this.throttledUntil = 0;
      part.done(null);
      return;
    }
    if (THROTTLED.has(status) && part.throttled < this.tuning.throttleRetries) {
      // The SMSC asks us to slow down: this part waits first in line, and nothing goes until the pause is over.
      part.throttled += 1;
      const pause = Math.min(this.tuning.throttleFirstMs * 2 ** (part.throttled - 1), this.tuning.throttleMaxMs);
      this.throttledUntil = Math.max(this.throttledUntil, Date.now() + pause);
      this.queue.unshift(part);
      return;
    }
    const detail = `command_status 0x${status.toString(16).padStart(8, '0')}`;
    this.record((repos) => repos.smsMessages.partSubmitted(part.messageId, part.number, { smscId: null, status: 'failed' }, detail, this.now()));
    part.done(new Error(`the SMS centre refused the message (${detail})`));
  }

  private async delivered(session: smpp.Session, pdu: smpp.Pdu): Promise<void> {
    try {
      const raw = pdu.short_message as { message?: unknown } | Buffer | undefined;
      const esmClass = Number(pdu.esm_class ?? 0);
      if (esmClass & ESM_DELIVERY_RECEIPT) {
        const text = typeof (raw as { message?: unknown })?.message === 'string' ? String((raw as { message: string }).message) : Buffer.isBuffer(raw) ? raw.toString('latin1') : '';
        const receipt = parseDeliveryReceipt(text, {
          ...(typeof pdu.receipted_message_id === 'string' ? { receiptedMessageId: pdu.receipted_message_id } : {}),
          ...(typeof pdu.message_state === 'number' ? { messageState: pdu.message_state } : {}),
        });
        if (receipt && receipt.state !== 'en-route') {
          const state = receipt.state;
          this.record((repos) => repos.smsMessages.receipt(receipt.messageId, state, receipt.stat, this.now()).then(() => undefined));
        }
        return;
      }
      await this.reply(pdu);
    } catch (error) {
      this.logger.warn('a message from the SMS centre could not be read', { error: (error as Error).message });
    } finally {
      if (this.session === session) session.send(pdu.response());
    }
  }

  /** A message from a phone: recorded, and if its number has an open passwordless prompt, the prompt's answer. */
  private async reply(pdu: smpp.Pdu): Promise<void> {
    const msisdn = e164FromSmpp(String(pdu.source_addr ?? '')) as E164 | null;
    if (!msisdn) return;
    const bytes = this.rawBytes(pdu);
    const decoded = decodeShortMessage(bytes, Number(pdu.data_coding ?? 0), Number(pdu.esm_class ?? 0));
    let text = decoded.text;
    if (decoded.concatenation) {
      const key = `${msisdn}:${decoded.concatenation.reference}`;
      const parts = this.replyParts.get(key) ?? new Map<number, string>();
      parts.set(decoded.concatenation.number, decoded.text);
      this.replyParts.set(key, parts);
      if (parts.size < decoded.concatenation.total) return;
      this.replyParts.delete(key);
      text = [...parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part).join('');
    }
    const at = this.now();
    const id = this.ids.next('sms');
    this.record((repos) =>
      repos.smsMessages.add({ id, msisdn, direction: 'in', preview: withoutCodes(text.slice(0, 200)), parts: 1, status: 'received', detail: null, createdAt: at, updatedAt: at }, []),
    );
    const promptId = this.prompts.get(msisdn);
    if (!promptId || !this.answer) return;
    const key = text.trim().slice(0, REPLY_LIMIT);
    this.prompts.delete(msisdn);
    await this.answer(promptId, key);
  }

  /** The short_message as it came: the library decodes it; the bytes are taken back in the coding it used. */
  private rawBytes(pdu: smpp.Pdu): Buffer {
    const raw = pdu.short_message as { message?: unknown; udh?: Buffer[] } | Buffer | undefined;
    if (Buffer.isBuffer(raw)) return raw;
    const message = raw?.message;
    const body = Buffer.isBuffer(message) ? message : typeof message === 'string' ? encodeAs(message, Number(pdu.data_coding ?? 0)) : Buffer.alloc(0);
    const udh = raw?.udh?.length ? Buffer.concat(raw.udh) : null;
    return udh ? Buffer.concat([Buffer.from([udh.length]), udh, body]) : body;
  }

  /** Journal writes in the order they happen (a receipt never before its submit): each waits for the one before. */
  private record(work: (repos: Parameters<Parameters<UnitOfWork['write']>[0]>[0]) => Promise<void>): void {
    const journal = this.journal;
    if (!journal) return;
    this.journalChain = this.journalChain
      .then(() => journal.write(work))
      .catch((error: unknown) => this.logger.warn('the SMS journal could not be written', { error: (error as Error).message }));
  }

  /** Resolves when every journal write so far is done (tests read the journal after it). */
  async settled(): Promise<void> {
    await this.journalChain;
  }

  private setState(state: SmppLinkState): void {
    if (this.state === 'stopped') return;
    this.state = state;
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

function encodeAs(text: string, dataCoding: number): Buffer {
  return (dataCoding & 0x0f) === 8 ? Buffer.from(text, 'utf16le').swap16() : Buffer.from(text, 'latin1');
}
