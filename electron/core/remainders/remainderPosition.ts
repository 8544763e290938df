import type { LineProfile } from '../account/ports';
import { allowancesAt, packageLeft, type RolloverMemo, type UsageWindow } from '../account/packageAllowance';
import type { BillingPeriod } from '../account/billingPeriod';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { RemainderRules } from './remainderRules';
import { inSpendingOrder } from './remainderLedger';
import type { MovableKind, SpendableBucket } from './ports';

/** One move of the line's remainders: its kind (exchange, share, lot-listed …), when, and what it changed per kind (minutes; kilobytes). */
export interface RemainderMove {
  id: string;
  kind: string;
  at: string;
  change: Record<MovableKind, number>;
}

/** A line's movable remainders now: what its package has left, and its spendable packages in spending order. */
export interface RemainderPosition {
  period: BillingPeriod;
  window: UsageWindow;
  /** Billed units (minutes; kilobytes) left of the package itself: rolled-over and the tariff's own. */
  packageLeft: Record<MovableKind, number>;
  /** Whether the tariff has a package of this kind at all. */
  hasPackage: Record<MovableKind, boolean>;
  buckets: SpendableBucket[];
}

export async function positionOf(repos: Repositories, line: LineProfile, nowMs: number, rollovers?: RolloverMemo): Promise<RemainderPosition> {
  const { period, byKind, window, buckets } = await allowancesAt(repos, line, nowMs, rollovers);
  return {
    period,
    window,
    packageLeft: { voice: packageLeft(byKind.voice), data: packageLeft(byKind.data) },
    hasPackage: { voice: line.tariff.packages.voice !== undefined, data: line.tariff.packages.data !== undefined },
    buckets: [...inSpendingOrder(buckets, 'data'), ...inSpendingOrder(buckets, 'voice')],
  };
}

/** Everything of a kind the line can spend: its spendable packages and what its package has left. */
export function totalLeft(position: RemainderPosition, kind: MovableKind): number {
  return position.packageLeft[kind] + position.buckets.filter((bucket) => bucket.kind === kind).reduce((sum, bucket) => sum + bucket.units, 0);
}

/** The «Остатки» screen's read: the position, in spending order, with the operator's rules beside it. */
export class RemaindersOverview {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    readonly rules: RemainderRules,
    private readonly rollovers?: RolloverMemo,
  ) {}

  /** With the line's last moves (the remainders ledger's audit trail as the subscriber reads it): what each changed, per kind. */
  forLine(lineId: string): Promise<RemainderPosition & { totalLeft: Record<MovableKind, number>; moves: RemainderMove[] }> {
    return this.uow.read(async (repos) => {
      const [line, history] = await Promise.all([repos.account.line(lineId), repos.remainders.history(lineId, 10)]);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const position = await positionOf(repos, line, this.clock.now(), this.rollovers);
      const moves = history.map((move) => {
        const change = { voice: 0, data: 0 };
        for (const entry of move.entries) change[entry.kind] += entry.units;
        return { id: move.id, kind: move.kind, at: move.at, change };
      });
      return { ...position, totalLeft: { voice: totalLeft(position, 'voice'), data: totalLeft(position, 'data') }, moves };
    });
  }
}
