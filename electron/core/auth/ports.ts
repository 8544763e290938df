import type { SignInWay } from './model';
import type { E164 } from '../../../shared/phone';
import type { LineStatus } from '../account/ports';

export type { SignInWay };

export interface LineCredential {
  subscriberId: string;
  lineId: string;
  msisdn: E164;
  subscriberName: string;
  lineStatus: LineStatus;
  /** A slow salted hash (see passwordHasher); null while the subscriber has not registered. */
  passwordHash: string | null;
}

export interface CredentialRepository {
  /** The line with this number and its subscriber's password hash, or null for a number we do not serve. */
  forNumber(msisdn: E164): Promise<LineCredential | null>;
  forLineId(lineId: string): Promise<LineCredential | null>;
  setPasswordHash(subscriberId: string, passwordHash: string, at: string): Promise<void>;
}

export interface SignInRecord {
  id: string;
  subscriberId: string;
  lineId: string;
  way: SignInWay;
  at: string;
  device: string;
}

export interface SignInRecordRepository {
  record(entry: SignInRecord): Promise<void>;
  recentFor(subscriberId: string, limit: number): Promise<SignInRecord[]>;
}

export type CodePurpose = 'sign-in' | 'register' | 'recover';
/** What a one-time code may be for: a way in, or confirming a transfer of money. */
export type OtpPurpose = CodePurpose | 'transfer' | 'attach' | 'email' | 'share';

export interface OtpChallenge {
  id: string;
  msisdn: E164;
  purpose: OtpPurpose;
  /**
   * What the code confirms besides its purpose: '' for a way in (the number itself), a transfer's payment id,
   * the subscriber whose profile a number is attached to, the profile whose e-mail is confirmed.
   */
  subject: string;
  /** HMAC of the challenge id, purpose, subject and terms, and the code, keyed by a secret of this store: never the code. */
  codeHash: string;
  createdAt: number;
  expiresAt: number;
  failedAttempts: number;
  state: 'active' | 'used' | 'void';
  /** When its message was handed to the SMS centre; null while it was not (yet). Recorded for transfer codes. */
  sentAt?: number | null;
}

export interface OtpRepository {
  add(challenge: OtpChallenge): Promise<void>;
  /** Challenges for the number created at or after `since`, oldest first. */
  createdSince(msisdn: E164, since: number): Promise<OtpChallenge[]>;
  /** The newest challenge for this number, purpose and subject. */
  latestFor(msisdn: E164, purpose: OtpPurpose, subject: string): Promise<OtpChallenge | null>;
  update(id: string, change: Pick<OtpChallenge, 'failedAttempts' | 'state'>): Promise<void>;
  /** Records that the challenge's message was handed to the SMS centre at `at`. */
  markSent(id: string, at: number): Promise<void>;
  /** Voids the active challenges for this number, purpose and subject only: other purposes' codes stay. */
  voidActive(msisdn: E164, purpose: OtpPurpose, subject: string): Promise<void>;
}

export interface PasswordFailures {
  consecutive: number;
  lockedUntil: number | null;
}

/** Failed password sign-ins per number — known or not, so the two cannot be told apart. */
export interface PasswordFailureRepository {
  get(msisdn: E164): Promise<PasswordFailures | null>;
  set(msisdn: E164, failures: PasswordFailures): Promise<void>;
  clear(msisdn: E164): Promise<void>;
}

/**
 * What the sign-in guard counts: a message sent to a phone before sign-in, a code or PUK tried, and a wrong PUK
 * for a number that has no PUK of ours (its tries run out as a subscriber's would).
 */
export type GuardEventKind = 'message' | 'verify' | 'puk-miss';

export interface GuardEvent {
  kind: GuardEventKind;
  msisdn: E164;
  device: string;
  at: number;
}

/** The guard's events, for every number alike, served or not. */
export interface SignInGuardRepository {
  add(event: GuardEvent): Promise<void>;
  /** The times of the events of this kind for the number (or the device) at or after `since`, oldest first. */
  timesForNumber(kind: GuardEventKind, msisdn: E164, since: number): Promise<number[]>;
  timesForDevice(kind: GuardEventKind, device: string, since: number): Promise<number[]>;
  /** Forgets the counted messages and tries older than `before` (a wrong PUK is never forgotten, as a PUK's is not). */
  forgetCountedBefore(before: number): Promise<void>;
}

export interface PukRecord {
  pukHash: string;
  failedAttempts: number;
  disabledAt: number | null;
}

export interface PukRepository {
  forLine(lineId: string): Promise<PukRecord | null>;
  update(lineId: string, change: Pick<PukRecord, 'failedAttempts' | 'disabledAt'>): Promise<void>;
}

/** The operator's SMS centre. The embedded default delivers to the virtual handset. */
export interface SmsGateway {
  /** `false` on the adapter wired when nothing is set up: the core refuses with NOT_CONFIGURED before writing anything. */
  readonly configured?: boolean;
  send(msisdn: E164, text: string): Promise<void>;
}

/** Shows a yes/no prompt on the subscriber's phone; the answer comes back through ConfirmationSignIn.answer. */
export interface ConfirmationGateway {
  /** `false` on the adapter wired when nothing is set up: the core refuses with NOT_CONFIGURED before writing anything. */
  readonly configured?: boolean;
  prompt(msisdn: E164, prompt: { id: string; text: string; expiresAt: number }): void;
  close(promptId: string): void;
}

export interface SocialIdentity {
  provider: 'vk' | 'ok' | 'facebook';
  /** The provider's stable id of the person. */
  subject: string;
  subscriberId: string;
  lineId: string;
}

export interface SocialIdentityRepository {
  find(provider: SocialIdentity['provider'], subject: string): Promise<SocialIdentity | null>;
  /** The identities a subscriber linked, with when. */
  ofSubscriber(subscriberId: string): Promise<Array<SocialIdentity & { linkedAt: string }>>;
  link(identity: SocialIdentity, at: string): Promise<void>;
  unlink(subscriberId: string, provider: SocialIdentity['provider']): Promise<boolean>;
}
