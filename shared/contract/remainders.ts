import { z } from 'zod';
import { method } from './method';
import { CodeLength, E164Schema, Instant, Kopecks, NoInput, OneTimeCodeInput, PhoneInput } from './common';

/** Minutes and data that move between lines (SMS do not). Data travels as megabytes on the wire. */
export const MovableKind = z.enum(['voice', 'data'], { error: 'expected "voice" or "data"' });
export type MovableKind = z.infer<typeof MovableKind>;

const IdempotencyKey = z.uuid({ error: 'expected a UUID made by the window for this move' });
const ObjectId = (what: string) => z.string({ error: `expected a ${what} id` }).regex(/^[A-Za-z0-9_-]{1,80}$/, `expected a ${what} id`);
const WholeGigabytes = z.number({ error: 'expected a whole number of gigabytes' }).int('expected a whole number of gigabytes').min(1, 'expected at least 1 GB').max(1000, 'expected at most 1000 GB');
const Amount = z.number({ error: 'expected a whole amount' }).int('expected a whole amount').min(1, 'expected a positive amount').max(100_000, 'expected at most 100 000');

/** Per kind: minutes, or megabytes. */
const ByKind = z.object({ voice: z.number().int(), data: z.number().int() });

export const RemainderPackage = z.object({
  bucket: z.enum(['received', 'bought', 'exchanged']),
  kind: MovableKind,
  /** Minutes, or megabytes. */
  amount: z.number().int(),
  validFrom: Instant,
  validUntil: Instant,
});
export type RemainderPackage = z.infer<typeof RemainderPackage>;

const Bounds = z.object({ minAmount: z.number().int(), maxAmount: z.number().int(), minKopecksPerUnit: Kopecks, maxKopecksPerUnit: Kopecks });

/** What the «Остатки» screen shows: what is left, where it sits, and the operator's numbers for the forms. */
export const RemaindersView = z.object({
  /** Left of the period's package itself (rolled-over and the tariff's own). */
  packageLeft: ByKind,
  /** Everything spendable: the packages below and the package itself. */
  totalLeft: ByKind,
  hasPackage: z.object({ voice: z.boolean(), data: z.boolean() }),
  /** In spending order: received, bought, exchanged; then the rolled-over and the tariff's own. */
  packages: z.array(RemainderPackage),
  periodEnds: Instant,
  /** The period's last day in the region's calendar. */
  periodLastDay: z.string(),
  /** The last moves, newest first: what each changed (minutes; megabytes). */
  moves: z.array(z.object({ id: z.string(), kind: z.string(), at: Instant, change: ByKind })),
  rules: z.object({
    exchange: z.object({ minutesPerGigabyteGiven: z.number().int(), minutesPerGigabyteTaken: z.number().int(), minGigabytes: z.number().int(), maxGigabytes: z.number().int() }),
    share: z.object({
      minGigabytes: z.number().int(),
      maxGigabytes: z.number().int(),
      perPeriodGigabytes: z.number().int(),
      feeKopecks: Kopecks,
      receivedDays: z.number().int(),
      extendedDays: z.number().int(),
      extensionFeeKopecks: Kopecks,
    }),
    market: z.object({ lotsListedAtOnce: z.number().int(), voice: Bounds, data: Bounds }),
  }),
});
export type RemaindersView = z.infer<typeof RemaindersView>;

export const ExchangeDirection = z.enum(['minutes-to-data', 'data-to-minutes'], { error: 'expected "minutes-to-data" or "data-to-minutes"' });
export type ExchangeDirection = z.infer<typeof ExchangeDirection>;

export const ExchangePreview = z.object({
  direction: ExchangeDirection,
  gigabytes: z.number().int(),
  gives: z.object({ kind: MovableKind, amount: z.number().int() }),
  gets: z.object({ kind: MovableKind, amount: z.number().int() }),
  before: ByKind,
  after: ByKind,
  validUntil: Instant,
  allowed: z.boolean(),
  reason: z.enum(['below-minimum', 'above-maximum', 'no-package', 'not-enough', 'sim-blocked', 'line-restricted']).nullable(),
});
export type ExchangePreview = z.infer<typeof ExchangePreview>;

export const Lot = z.object({
  id: z.string(),
  kind: MovableKind,
  /** Minutes, or whole gigabytes. */
  amount: z.number().int(),
  priceKopecks: Kopecks,
  state: z.enum(['listed', 'sold', 'withdrawn']),
  listedAt: Instant,
  validUntil: Instant,
  mine: z.boolean(),
});
export type Lot = z.infer<typeof Lot>;

export const SharePreview = z.object({
  to: E164Schema,
  gigabytes: z.number().int(),
  feeKopecks: Kopecks,
  periodLeftGigabytes: z.number().int(),
  /** Megabytes of data left to the sender after the share. */
  dataLeftAfter: z.number().int(),
  validDays: z.number().int(),
  allowed: z.boolean(),
  reason: z
    .enum(['same-number', 'not-a-subscriber', 'below-minimum', 'above-maximum', 'period-limit', 'not-enough', 'recipient-has-package', 'insufficient-funds', 'sim-blocked', 'line-restricted'])
    .nullable(),
});
export type SharePreview = z.infer<typeof SharePreview>;

export const Share = z.object({
  id: z.string(),
  to: E164Schema,
  gigabytes: z.number().int(),
  feeKopecks: Kopecks,
  state: z.enum(['awaiting-confirmation', 'done', 'failed']),
});
export type Share = z.infer<typeof Share>;

export const remainders = {
  /** What is left and where (received, bought, exchanged packages; the package itself), with the operator's numbers. */
  view: method({ access: 'session', input: NoInput, output: RemaindersView }),
  /** What an exchange would give, take and leave; nothing moves. */
  previewExchange: method({ access: 'session', input: z.strictObject({ direction: ExchangeDirection, gigabytes: WholeGigabytes }), output: ExchangePreview }),
  /** Exchanges at the operator's rate, once per key. */
  exchange: method({
    access: 'session',
    input: z.strictObject({ direction: ExchangeDirection, gigabytes: WholeGigabytes, idempotencyKey: IdempotencyKey }),
    output: ExchangePreview.extend({ repeated: z.boolean() }),
  }),
  /** Lots on sale of a kind, cheapest per unit first. */
  lots: method({ access: 'session', input: z.strictObject({ kind: MovableKind }), output: z.array(Lot) }),
  /** The line's own lots, newest first. */
  myLots: method({ access: 'session', input: NoInput, output: z.array(Lot) }),
  /** Puts minutes (or whole gigabytes) of the period's package up for sale, once per key. */
  listLot: method({
    access: 'session',
    input: z.strictObject({ kind: MovableKind, amount: Amount, priceKopecks: z.number({ error: 'expected a price in kopecks' }).int('expected whole kopecks').positive('expected a price above 0'), idempotencyKey: IdempotencyKey }),
    output: Lot,
  }),
  /** Buys a lot from the balance, once per key; a lot sold to someone else first is refused with nothing charged. */
  buyLot: method({ access: 'session', input: z.strictObject({ lotId: ObjectId('lot'), idempotencyKey: IdempotencyKey }), output: z.object({ lot: Lot, balanceAfterKopecks: Kopecks }) }),
  /** Takes an unsold lot off the market; its remainders come back. */
  withdrawLot: method({ access: 'session', input: z.strictObject({ lotId: ObjectId('lot') }), output: Lot }),
  previewShare: method({ access: 'session', input: z.strictObject({ to: PhoneInput, gigabytes: WholeGigabytes }), output: SharePreview }),
  /** Checks the rules and sends an SMS code bound to the gigabytes and the recipient; they move on `confirmShare`. */
  startShare: method({
    access: 'session',
    input: z.strictObject({ to: PhoneInput, gigabytes: WholeGigabytes, idempotencyKey: IdempotencyKey }),
    output: z.object({ share: Share, codeExpiresAt: Instant, codeLength: CodeLength }),
  }),
  confirmShare: method({ access: 'session', input: z.strictObject({ shareId: ObjectId('share'), code: OneTimeCodeInput('SMS') }), output: Share }),
  /** Extends the received package to the operator's longer term, for its fee. */
  extendReceived: method({ access: 'session', input: z.strictObject({ idempotencyKey: IdempotencyKey }), output: z.object({ validUntil: Instant, feeKopecks: Kopecks }) }),
};
