import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import type { MovableKind, RemainderBucket, RemainderEntry, SpendableBucket } from './ports';

/**
 * The remainders ledger's accounts. A line's account is per bucket, kind and validity, so a balance is a sum of
 * entries and an expired package simply stops being spendable (its units stay where they were: nothing vanishes).
 */
export const linePackageAccount = (lineId: string, kind: MovableKind, windowFrom: string): string => `line:${lineId}:package:${kind}:${windowFrom}`;
export const lineBucketAccount = (lineId: string, bucket: Exclude<RemainderBucket, 'package'>, kind: MovableKind, validUntil: string): string =>
  `line:${lineId}:${bucket}:${kind}:${validUntil}`;
/** The operator's side of exchanges: minutes taken in, gigabytes given out (and back). */
export const operatorExchangeAccount = (kind: MovableKind): string => `operator:exchange:${kind}`;
/** Gigabytes on their way from one subscriber to another. */
export const OPERATOR_SHARING_ACCOUNT = 'operator:sharing';
/** What a lot of the market holds while it is listed. */
export const lotAccount = (lotId: string): string => `market:lot:${lotId}`;

/** Received first, then bought, then exchanged; the rolled-over and the tariff's own come after (the package). */
export const SPENDING_ORDER: Array<SpendableBucket['bucket']> = ['received', 'bought', 'exchanged'];

const FAR_PAST = '0000-01-01T00:00:00.000Z';
const FAR_FUTURE = '9999-12-31T23:59:59.999Z';

/** An operator-side or market entry: no line, no bucket, always valid. */
export function systemEntry(account: string, kind: MovableKind, units: number): RemainderEntry {
  return { account, lineId: null, bucket: null, kind, units, validFrom: FAR_PAST, validUntil: FAR_FUTURE };
}

/** A move in or out of the line's own package for the package window that starts at `windowFrom`. */
export function packageEntry(lineId: string, kind: MovableKind, units: number, window: { fromIso: string; toIso: string }): RemainderEntry {
  return { account: linePackageAccount(lineId, kind, window.fromIso), lineId, bucket: 'package', kind, units, validFrom: window.fromIso, validUntil: window.toIso };
}

export function bucketEntry(lineId: string, bucket: SpendableBucket['bucket'], kind: MovableKind, units: number, validFrom: string, validUntil: string): RemainderEntry {
  return { account: lineBucketAccount(lineId, bucket, kind, validUntil), lineId, bucket, kind, units, validFrom, validUntil };
}

/** Spendable buckets of a kind in the order they are spent (within a bucket, the one ending first goes first). */
export function inSpendingOrder(buckets: SpendableBucket[], kind: MovableKind): SpendableBucket[] {
  return buckets
    .filter((bucket) => bucket.kind === kind)
    .sort((a, b) => SPENDING_ORDER.indexOf(a.bucket) - SPENDING_ORDER.indexOf(b.bucket) || a.validUntil.localeCompare(b.validUntil) || a.account.localeCompare(b.account));
}

/**
 * Usage of `units` of a kind is taken from the spendable buckets first, in the spending order. What a bucket
 * pays is put into the package account of the usage's window: the usage event counts against that window like
 * any other, and the package's own remainder stays what it was. Posted as one transaction under a key derived
 * from the usage event. Answers the units the buckets paid.
 */
export async function spendFromBuckets(
  repos: Repositories,
  ids: IdGenerator,
  spend: { lineId: string; kind: MovableKind; units: number; buckets: SpendableBucket[]; window: { fromIso: string; toIso: string }; usageId: string; at: string },
): Promise<number> {
  let left = spend.units;
  const entries: RemainderEntry[] = [];
  for (const bucket of inSpendingOrder(spend.buckets, spend.kind)) {
    if (left === 0) break;
    const taken = Math.min(left, bucket.units);
    left -= taken;
    entries.push({ account: bucket.account, lineId: spend.lineId, bucket: bucket.bucket, kind: spend.kind, units: -taken, validFrom: bucket.validFrom, validUntil: bucket.validUntil });
  }
  const paid = spend.units - left;
  if (paid === 0) return 0;
  entries.push(packageEntry(spend.lineId, spend.kind, paid, spend.window));
  await repos.remainders.post({ id: ids.next('rtx'), kind: 'usage', idempotencyKey: `usage:${spend.usageId}`, lineId: spend.lineId, at: spend.at, entries }, () => ids.next('rentry'));
  return paid;
}
