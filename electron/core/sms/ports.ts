import type { E164 } from '../../../shared/phone';

/** Where a message stands: handed to the SMS centre, every part delivered, refused, or a reply from the phone. */
export type SmsStatus = 'queued' | 'sent' | 'delivered' | 'undeliverable' | 'failed' | 'received';

export interface SmsMessageRecord {
  id: string;
  msisdn: E164;
  direction: 'out' | 'in';
  /** The text with codes hidden (withoutCodes): the history never shows a one-time code. */
  preview: string;
  parts: number;
  status: SmsStatus;
  /** The last thing the SMS centre said (a receipt's stat: word, a command_status), for the history. */
  detail: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SmsPartRecord {
  messageId: string;
  number: number;
  /** The SMS centre's id of this part (submit_sm_resp), the key its delivery receipt comes back with. */
  smscId: string | null;
  status: 'queued' | 'sent' | 'delivered' | 'undeliverable' | 'failed';
}

/** The journal of SMS sent to and received from subscribers' phones through the operator's SMS centre. */
export interface SmsMessageRepository {
  add(message: SmsMessageRecord, parts: SmsPartRecord[]): Promise<void>;
  /** A part accepted by the SMS centre under its id, or refused. */
  partSubmitted(messageId: string, number: number, change: { smscId: string | null; status: 'sent' | 'failed' }, detail: string | null, at: string): Promise<void>;
  /**
   * A delivery receipt for the part with this SMS-centre id: the part's status changes, and the message's follows
   * (delivered once every part is, undeliverable once one is). Null when no part has that id.
   */
  receipt(smscId: string, status: 'delivered' | 'undeliverable', detail: string, at: string): Promise<SmsMessageRecord | null>;
  /** The newest messages to and from these numbers, newest first. */
  recentFor(msisdns: E164[], limit: number): Promise<SmsMessageRecord[]>;
}
