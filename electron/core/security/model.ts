import type { LocalizedText } from '../model';
import type { LineStatusName } from '../account/model';

/**
 * Security's read models as the core makes them; the IPC contract (shared/contract/security.ts) declares the same
 * shapes for the wire, and `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same.
 */
export interface SimBlockStatus {
  blocked: boolean;
  /** When it was blocked from the cabinet (null: not blocked, or blocked at the operator's office). */
  since: string | null;
  /** The last free day of the block, in the region's calendar. */
  freeUntil: string | null;
  freeDays: number;
  dailyFeeKopecks: number;
}

/** A number of the profile as «Мои номера» lists it. */
export interface ProfileNumberView {
  msisdn: string;
  ownerName: string;
  relation: 'own' | 'attached';
  /** The number this window looks at. */
  current: boolean;
  tariffName: LocalizedText;
  balanceKopecks: number;
  status: LineStatusName;
}
