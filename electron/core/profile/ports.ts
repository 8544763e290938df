import type { E164 } from '../../../shared/phone';
import type { MailLanguage } from '../mail/ports';

/** What the subscriber keeps in the profile besides the name: contacts and what to be told about. */
export interface ProfileRecord {
  subscriberId: string;
  email: string | null;
  emailConfirmedAt: string | null;
  /** An address waiting for its confirmation code; it replaces `email` once confirmed. */
  pendingEmail: string | null;
  contactAddress: string;
  notifications: NotificationPreferences;
  updatedAt: string;
  /** The language the subscriber last used the cabinet in: letters are written in it (null: never seen, Russian). */
  language: MailLanguage | null;
}

export interface NotificationPreferences {
  /** Tell when the balance falls below this many kopecks; null: do not. */
  lowBalanceKopecks: number | null;
  /** Tell when a package has this share (%) or less left; null: do not. */
  packagePercent: number | null;
  promisedDue: boolean;
  paymentArrived: boolean;
}

export const defaultNotifications: NotificationPreferences = { lowBalanceKopecks: 5_000, packagePercent: 10, promisedDue: true, paymentArrived: true };

export interface ProfileRepository {
  /** The subscriber's profile; a profile never saved gets the defaults. */
  get(subscriberId: string, now: string): Promise<ProfileRecord>;
  /** The profile of the subscriber who owns the line (found through the line, so it can be read beside the line itself). */
  ofLine(lineId: string, now: string): Promise<ProfileRecord | null>;
  /** The same, found by the line's number (read beside the number's credential before its ids are known). */
  ofNumber(msisdn: E164, now: string): Promise<ProfileRecord | null>;
  save(record: ProfileRecord): Promise<void>;
  rename(subscriberId: string, fullName: string): Promise<void>;
}

/** The operator's mail: where e-mail confirmation letters go. The embedded default is the virtual handset's mailbox. */
export interface EmailGateway {
  /** `false` on the adapter wired when nothing is set up: the core refuses with NOT_CONFIGURED before writing anything. */
  readonly configured?: boolean;
  sendMail(to: string, subject: string, text: string): Promise<void>;
}
