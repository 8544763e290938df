import type { Share } from '../../../shared/contract/remainders';
import type { ShareRecord } from '../../core/remainders/ports';
import type { RemainderExchange } from '../../core/remainders/remainderExchange';
import type { AreaProcedures, Procedures } from '../procedure';

/** The core counts data in kilobytes; the wire speaks megabytes (whole ones left, rounded down). */
const MB = 1024;
const toWire = (kind: 'voice' | 'data', units: number): number => (kind === 'data' ? Math.floor(units / MB) : units);
const byKind = (units: { voice: number; data: number }) => ({ voice: units.voice, data: Math.floor(units.data / MB) });
const shareOf = (share: ShareRecord): Share => ({ id: share.id, to: share.recipientMsisdn, gigabytes: share.gigabytes, feeKopecks: share.feeKopecks, state: share.state });

/** «Остатки: обмен, подарить, маркет». The windows of the caller's number follow every move at once. */
export const remainderProcedures = (procedure: Procedures): AreaProcedures<'remainders'> => ({
  'remainders.view': procedure.signedIn(async (_input, { core, line }) => {
    const overview = core.remaindersOverview;
    const position = await overview.forLine(line.id);
    return {
      packageLeft: byKind(position.packageLeft),
      totalLeft: byKind(position.totalLeft),
      hasPackage: position.hasPackage,
      packages: position.buckets.map((bucket) => ({ bucket: bucket.bucket, kind: bucket.kind, amount: toWire(bucket.kind, bucket.units), validFrom: bucket.validFrom, validUntil: bucket.validUntil })),
      periodEnds: position.period.toIso,
      periodLastDay: position.period.end,
      // Whole megabytes toward zero, so a move of less than one shows as none rather than as a rounded-up one.
      moves: position.moves.map((move) => ({ ...move, change: { voice: move.change.voice, data: Math.trunc(move.change.data / MB) } })),
      rules: overview.rules,
    };
  }),
  'remainders.previewExchange': procedure.signedIn(async ({ direction, gigabytes }, { core, line }) => exchangeOnWire(await core.remainderExchange.preview(line.id, direction, gigabytes))),
  'remainders.exchange': procedure.signedIn(
    async ({ direction, gigabytes, idempotencyKey }, { core, line }) => {
      const done = await core.remainderExchange.exchange(line.id, direction, gigabytes, idempotencyKey);
      return { ...exchangeOnWire(done), repeated: done.repeated };
    },
    { changesLine: true },
  ),
  'remainders.lots': procedure.signedIn(async ({ kind }, { core, line }) => core.remaindersMarket.browse(line.id, kind)),
  'remainders.myLots': procedure.signedIn(async (_input, { core, line }) => core.remaindersMarket.mine(line.id)),
  'remainders.listLot': procedure.signedIn(async ({ kind, amount, priceKopecks, idempotencyKey }, { core, line }) => core.remaindersMarket.list(line.id, kind, amount, priceKopecks, idempotencyKey), { changesLine: true }),
  'remainders.buyLot': procedure.signedIn(
    async ({ lotId, idempotencyKey }, { core, line, lineChanged }) => {
      const { lot, balanceAfterKopecks, seller } = await core.remaindersMarket.buy(line.id, lotId, idempotencyKey);
      // The seller's windows (on this computer; a chain's other kiosks read it on their next look) show the money arrive.
      if (seller) lineChanged(seller);
      return { lot, balanceAfterKopecks };
    },
    { changesLine: true },
  ),
  'remainders.withdrawLot': procedure.signedIn(async ({ lotId }, { core, line }) => core.remaindersMarket.withdraw(line.id, lotId), { changesLine: true }),
  'remainders.previewShare': procedure.signedIn(async ({ to, gigabytes }, { core, line }) => {
    const preview = await core.gigabyteSharing.preview(line.id, to, gigabytes);
    return { ...preview, dataLeftAfter: Math.floor(preview.dataLeftAfter / MB) };
  }),
  'remainders.startShare': procedure.signedIn(async ({ to, gigabytes, idempotencyKey }, { core, line }) => {
    const { share, codeExpiresAt } = await core.gigabyteSharing.start(line.id, to, gigabytes, idempotencyKey);
    return { share: shareOf(share), codeExpiresAt: new Date(codeExpiresAt).toISOString(), codeLength: core.codeLength };
  }),
  'remainders.confirmShare': procedure.signedIn(
    async ({ shareId, code }, { core, line, lineChanged }) => {
      const { share, recipient } = await core.gigabyteSharing.confirm(line.id, shareId, code);
      if (recipient) lineChanged(recipient);
      return shareOf(share);
    },
    { changesLine: true },
  ),
  'remainders.extendReceived': procedure.signedIn(async ({ idempotencyKey }, { core, line }) => core.gigabyteSharing.extendReceived(line.id, idempotencyKey), { changesLine: true }),
});

function exchangeOnWire(preview: Awaited<ReturnType<RemainderExchange['preview']>>) {
  return {
    direction: preview.direction,
    gigabytes: preview.gigabytes,
    gives: { kind: preview.gives.kind, amount: toWire(preview.gives.kind, preview.gives.units) },
    gets: { kind: preview.gets.kind, amount: toWire(preview.gets.kind, preview.gets.units) },
    before: byKind(preview.before),
    after: byKind(preview.after),
    validUntil: preview.validUntil,
    allowed: preview.allowed,
    reason: preview.reason,
  };
}
