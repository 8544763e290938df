import type { ConfirmationGateway, SmsGateway } from '../core/auth/ports';
import type { EmailGateway } from '../core/profile/ports';
import type { Clock } from '../core/clock';
import type { E164 } from '../../shared/phone';

export interface HandsetSms {
  id: string;
  msisdn: E164;
  text: string;
  at: string;
}

export interface HandsetPrompt {
  id: string;
  msisdn: E164;
  text: string;
  expiresAt: string;
}

/** A letter in the embedded mailbox: where e-mail confirmations go when there is no mail server. */
export interface HandsetMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  at: string;
}

export type HandsetEvent =
  | { type: 'sms'; sms: HandsetSms }
  | { type: 'mail'; mail: HandsetMail }
  | { type: 'prompt'; prompt: HandsetPrompt }
  | { type: 'prompt-closed'; promptId: string }
  | { type: 'cleared' };

const INBOX_LIMIT = 50;

/**
 * The embedded operator network: an SMS centre and a confirmation service that deliver to a
 * virtual handset — a separate window («Телефон») or page. It is another device: what it shows
 * (codes included) never travels to the cabinet window.
 */
export class VirtualHandset implements SmsGateway, ConfirmationGateway, EmailGateway {
  private readonly inboxes = new Map<E164, HandsetSms[]>();
  private readonly letters: HandsetMail[] = [];
  private readonly prompts = new Map<string, HandsetPrompt>();
  private readonly listeners = new Set<(event: HandsetEvent) => void>();
  private counter = 0;
  /** Set by the wiring: where the handset's key presses go (the core's confirmation service). */
  answerSink: ((promptId: string, key: string) => Promise<void>) | null = null;

  constructor(private readonly clock: Clock) {}

  async send(msisdn: E164, text: string): Promise<void> {
    this.counter += 1;
    const sms: HandsetSms = { id: `sms-${this.counter}`, msisdn, text, at: new Date(this.clock.now()).toISOString() };
    const inbox = this.inboxes.get(msisdn) ?? [];
    inbox.unshift(sms);
    inbox.splice(INBOX_LIMIT);
    this.inboxes.set(msisdn, inbox);
    this.emit({ type: 'sms', sms });
  }

  async sendMail(to: string, subject: string, text: string): Promise<void> {
    this.counter += 1;
    const mail: HandsetMail = { id: `mail-${this.counter}`, to, subject, text, at: new Date(this.clock.now()).toISOString() };
    this.letters.unshift(mail);
    this.letters.splice(INBOX_LIMIT);
    this.emit({ type: 'mail', mail });
  }

  mailbox(): HandsetMail[] {
    return [...this.letters];
  }

  prompt(msisdn: E164, prompt: { id: string; text: string; expiresAt: number }): void {
    const shown: HandsetPrompt = { id: prompt.id, msisdn, text: prompt.text, expiresAt: new Date(prompt.expiresAt).toISOString() };
    this.prompts.set(prompt.id, shown);
    this.emit({ type: 'prompt', prompt: shown });
  }

  close(promptId: string): void {
    if (this.prompts.delete(promptId)) this.emit({ type: 'prompt-closed', promptId });
  }

  inbox(msisdn: E164): HandsetSms[] {
    return [...(this.inboxes.get(msisdn) ?? [])];
  }

  openPrompts(msisdn: E164): HandsetPrompt[] {
    return [...this.prompts.values()].filter((prompt) => prompt.msisdn === msisdn);
  }

  /** A key pressed on the handset in answer to a prompt. */
  async press(promptId: string, key: string): Promise<boolean> {
    if (!this.prompts.has(promptId) || !this.answerSink) return false;
    await this.answerSink(promptId, key);
    return true;
  }

  /** Forgets every SMS, letter and open prompt (the end of a kiosk visit); a handset window shown empties too. */
  forgetEverything(): void {
    this.inboxes.clear();
    this.letters.length = 0;
    this.prompts.clear();
    this.emit({ type: 'cleared' });
  }

  subscribe(listener: (event: HandsetEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: HandsetEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
