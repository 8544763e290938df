import type { Session } from '../core/auth/sessions';
import type { CodeLength } from '../../shared/contract/common';
import type { Share } from '../../shared/contract/remainders';
import type { ShareRecord } from '../core/remainders/ports';
import type { RemainderExchange } from '../core/remainders/remainderExchange';
import type { RemaindersOverview } from '../core/remainders/remainderPosition';
import type { RemaindersMarket } from '../core/remainders/remaindersMarket';
import type { GigabyteSharing } from '../core/remainders/gigabyteSharing';
import type { Handler, HandlerContext } from './dispatcher';

type RemaindersPath =
  | 'remainders.view'
  | 'remainders.previewExchange'
  | 'remainders.exchange'
  | 'remainders.lots'
  | 'remainders.myLots'
  | 'remainders.listLot'
  | 'remainders.buyLot'
  | 'remainders.withdrawLot'
  | 'remainders.previewShare'
  | 'remainders.startShare'
  | 'remainders.confirmShare'
  | 'remainders.extendReceived';

export interface RemainderServices {
  remaindersOverview: RemaindersOverview;
  remainderExchange: RemainderExchange;
  remaindersMarket: RemaindersMarket;
  gigabyteSharing: GigabyteSharing;
  codeLength: CodeLength;
}

/** The core counts data in kilobytes; the wire speaks megabytes (whole ones left, rounded down). */
const MB = 1024;
const toWire = (kind: 'voice' | 'data', units: number): number => (kind === 'data' ? Math.floor(units / MB) : units);
const byKind = (units: { voice: number; data: number }) => ({ voice: units.voice, data: Math.floor(units.data / MB) });
const shareOf = (share: ShareRecord): Share => ({ id: share.id, to: share.recipientMsisdn, gigabytes: share.gigabytes, feeKopecks: share.feeKopecks, state: share.state });

/** The `remainders` area: «Остатки: обмен, подарить, маркет». Handlers translate; the core decides. */
export function remainderHandlers(services: () => RemainderServices, readySession: (context: HandlerContext) => Session): { [P in RemaindersPath]: Handler<P> } {
  return {
    'remainders.view': async (_input, context) => {
      const overview = services().remaindersOverview;
      const position = await overview.forLine(readySession(context).lineId);
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
    },
    'remainders.previewExchange': async ({ direction, gigabytes }, context) => {
      const preview = await services().remainderExchange.preview(readySession(context).lineId, direction, gigabytes);
      return exchangeOnWire(preview);
    },
    'remainders.exchange': async ({ direction, gigabytes, idempotencyKey }, context) => {
      const session = readySession(context);
      const done = await services().remainderExchange.exchange(session.lineId, direction, gigabytes, idempotencyKey);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return { ...exchangeOnWire(done), repeated: done.repeated };
    },
    'remainders.lots': async ({ kind }, context) => services().remaindersMarket.browse(readySession(context).lineId, kind),
    'remainders.myLots': async (_input, context) => services().remaindersMarket.mine(readySession(context).lineId),
    'remainders.listLot': async ({ kind, amount, priceKopecks, idempotencyKey }, context) =>
      changed(context, await services().remaindersMarket.list(readySession(context).lineId, kind, amount, priceKopecks, idempotencyKey)),
    'remainders.buyLot': async ({ lotId, idempotencyKey }, context) => {
      const { lot, balanceAfterKopecks, seller } = await services().remaindersMarket.buy(readySession(context).lineId, lotId, idempotencyKey);
      // The seller's windows (on this computer; a chain's other kiosks read it on their next look) show the money arrive.
      if (seller) context.notifyLine(seller, 'account.changed', {});
      return changed(context, { lot, balanceAfterKopecks });
    },
    'remainders.withdrawLot': async ({ lotId }, context) => changed(context, await services().remaindersMarket.withdraw(readySession(context).lineId, lotId)),
    'remainders.previewShare': async ({ to, gigabytes }, context) => {
      const preview = await services().gigabyteSharing.preview(readySession(context).lineId, to, gigabytes);
      return { ...preview, dataLeftAfter: Math.floor(preview.dataLeftAfter / MB) };
    },
    'remainders.startShare': async ({ to, gigabytes, idempotencyKey }, context) => {
      const { share, codeExpiresAt } = await services().gigabyteSharing.start(readySession(context).lineId, to, gigabytes, idempotencyKey);
      return { share: shareOf(share), codeExpiresAt: new Date(codeExpiresAt).toISOString(), codeLength: services().codeLength };
    },
    'remainders.confirmShare': async ({ shareId, code }, context) => {
      const session = readySession(context);
      const { share, recipient } = await services().gigabyteSharing.confirm(session.lineId, shareId, code);
      context.notifyLine(session.msisdn, 'account.changed', {});
      if (recipient) context.notifyLine(recipient, 'account.changed', {});
      return shareOf(share);
    },
    'remainders.extendReceived': async ({ idempotencyKey }, context) => changed(context, await services().gigabyteSharing.extendReceived(readySession(context).lineId, idempotencyKey)),
  };
}

/** The windows of the caller's number follow a move at once (balance and remainders on every screen). */
function changed<T>(context: HandlerContext, result: T): T {
  if (context.session) context.notifyLine(context.session.msisdn, 'account.changed', {});
  return result;
}

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
