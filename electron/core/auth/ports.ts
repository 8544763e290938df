import type { E164 } from '../../../shared/phone';

export interface LineCredential {
  subscriberId: string;
  lineId: string;
  msisdn: E164;
  subscriberName: string;
  /** A slow salted hash (see passwordHasher); null when the subscriber never set a password. */
  passwordHash: string | null;
}

export interface CredentialRepository {
  /** The line with this number and its subscriber's password hash, or null for a number we do not serve. */
  forNumber(msisdn: E164): Promise<LineCredential | null>;
  setPasswordHash(subscriberId: string, passwordHash: string, at: string): Promise<void>;
}

export type SignInWay = 'password';

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
