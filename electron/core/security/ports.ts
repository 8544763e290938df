export interface SimBlockRecord {
  id: string;
  lineId: string;
  blockedAt: string;
  unblockedAt: string | null;
  /** The last day (in the region's calendar) whose block fee is charged; null while none is due yet. */
  feesPaidThrough: string | null;
}

export interface SimBlockRepository {
  /** The line's block that is still in force, if any. */
  open(lineId: string): Promise<SimBlockRecord | null>;
  /** Whether one block was in force over the whole of [fromIso, toIso): blocked at or before its start, not unblocked before its end. */
  coveredThroughout(lineId: string, fromIso: string, toIso: string): Promise<boolean>;
  add(record: SimBlockRecord): Promise<void>;
  update(id: string, change: Pick<SimBlockRecord, 'unblockedAt' | 'feesPaidThrough'>): Promise<void>;
}

export interface ProfileNumber {
  lineId: string;
  msisdn: string;
  /** The subscriber who owns the line (the profile's own lines, or another person's attached by code). */
  ownerName: string;
  /** Own: the line belongs to the profile's subscriber; attached: proven by a code sent to it. */
  relation: 'own' | 'attached';
  attachedAt: string | null;
}

export interface ProfileLineRepository {
  /** Every number of the profile: its own lines first, then attached ones, each once. */
  numbersOf(subscriberId: string): Promise<ProfileNumber[]>;
  attach(subscriberId: string, lineId: string, at: string): Promise<void>;
  detach(subscriberId: string, lineId: string): Promise<void>;
}
