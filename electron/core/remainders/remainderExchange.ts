import type { LineProfile } from '../account/ports';
import type { RolloverMemo } from '../account/packageAllowance';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { MovableKind } from './ports';
import { bucketEntry, operatorExchangeAccount, packageEntry, systemEntry } from './remainderLedger';
import { positionOf, totalLeft } from './remainderPosition';
import { KB_PER_GB, type RemainderRules } from './remainderRules';

export type ExchangeDirection = 'minutes-to-data' | 'data-to-minutes';
export type ExchangeRefusal = 'below-minimum' | 'above-maximum' | 'no-package' | 'not-enough' | 'sim-blocked' | 'line-restricted';

/** What an exchange gives and takes, and what is left of each kind before and after (minutes; kilobytes). */
export interface ExchangePreview {
  direction: ExchangeDirection;
  gigabytes: number;
  gives: { kind: MovableKind; units: number };
  gets: { kind: MovableKind; units: number };
  before: Record<MovableKind, number>;
  after: Record<MovableKind, number>;
  /** What is got may be spent until the period ends. */
  validUntil: string;
  allowed: boolean;
  reason: ExchangeRefusal | null;
}

/**
 * «Обмен минут на гигабайты» and back, at the operator's rate (remainders.json), within the current period: what is
 * given leaves the period's package (rolled-over or own; not a received, bought or exchanged package), what is got
 * is an `exchanged` package until the period ends. Both halves go through the operator's exchange account: one
 * balanced remainders transaction per exchange, posted once per key.
 */
export class RemainderExchange {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly rules: RemainderRules['exchange'],
    private readonly rollovers?: RolloverMemo,
  ) {}

  /** What the screen shows before the subscriber confirms. */
  preview(lineId: string, direction: ExchangeDirection, gigabytes: number): Promise<ExchangePreview> {
    return this.uow.read((repos) => this.evaluate(repos, lineId, direction, gigabytes));
  }

  async exchange(lineId: string, direction: ExchangeDirection, gigabytes: number, idempotencyKey: string): Promise<ExchangePreview & { repeated: boolean }> {
    const key = `exchange:${lineId}:${idempotencyKey}`;
    return this.uow.write(async (repos) => {
      if (await repos.remainders.hasKey(key)) {
        // Posted already (a retry, a double click): nothing moves again; the answer says what is left now.
        const now = await this.evaluate(repos, lineId, direction, gigabytes);
        return { ...now, after: now.before, allowed: true, reason: null, repeated: true };
      }
      const preview = await this.evaluate(repos, lineId, direction, gigabytes);
      if (!preview.allowed) throw refusalFor(preview, this.rules);
      const line = (await repos.account.line(lineId))!;
      const position = await positionOf(repos, line, this.clock.now(), this.rollovers);
      const at = new Date(this.clock.now()).toISOString();
      const { gives, gets } = preview;
      await repos.remainders.post(
        {
          id: this.ids.next('rtx'),
          kind: 'exchange',
          idempotencyKey: key,
          lineId,
          at,
          entries: [
            packageEntry(lineId, gives.kind, -gives.units, position.window),
            systemEntry(operatorExchangeAccount(gives.kind), gives.kind, gives.units),
            systemEntry(operatorExchangeAccount(gets.kind), gets.kind, -gets.units),
            bucketEntry(lineId, 'exchanged', gets.kind, gets.units, at, position.period.toIso),
          ],
        },
        () => this.ids.next('rentry'),
      );
      return { ...preview, repeated: false };
    });
  }

  private async evaluate(repos: Repositories, lineId: string, direction: ExchangeDirection, gigabytes: number): Promise<ExchangePreview> {
    const line: LineProfile | null = await repos.account.line(lineId);
    if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
    const position = await positionOf(repos, line, this.clock.now(), this.rollovers);
    const rules = this.rules;
    const gives =
      direction === 'minutes-to-data'
        ? { kind: 'voice' as const, units: gigabytes * rules.minutesPerGigabyteGiven }
        : { kind: 'data' as const, units: gigabytes * KB_PER_GB };
    const gets =
      direction === 'minutes-to-data'
        ? { kind: 'data' as const, units: gigabytes * KB_PER_GB }
        : { kind: 'voice' as const, units: gigabytes * rules.minutesPerGigabyteTaken };
    const before = { voice: totalLeft(position, 'voice'), data: totalLeft(position, 'data') };
    const after = { ...before };
    after[gives.kind] -= gives.units;
    after[gets.kind] += gets.units;
    const checks: Array<[boolean, ExchangeRefusal]> = [
      [line.status === 'blocked', 'sim-blocked'],
      [line.status === 'restricted', 'line-restricted'],
      [gigabytes < rules.minGigabytes, 'below-minimum'],
      [gigabytes > rules.maxGigabytes, 'above-maximum'],
      [!position.hasPackage.voice || !position.hasPackage.data, 'no-package'],
      // Only the package itself is exchanged: a received, bought or exchanged package is not.
      [position.packageLeft[gives.kind] < gives.units, 'not-enough'],
    ];
    const reason = checks.find(([failed]) => failed)?.[1] ?? null;
    return { direction, gigabytes, gives, gets, before, after, validUntil: position.period.toIso, allowed: reason === null, reason };
  }
}

function refusalFor(preview: ExchangePreview, rules: RemainderRules['exchange']): DomainError {
  const expected = `a whole number of gigabytes from ${rules.minGigabytes} to ${rules.maxGigabytes}`;
  switch (preview.reason) {
    case 'below-minimum':
    case 'above-maximum':
      return new DomainError('VALIDATION', `gigabytes: ${expected}`, { fields: [{ field: 'gigabytes', expected }], reason: preview.reason });
    case 'not-enough':
      return new DomainError('NOT_ELIGIBLE', `the package has not that much left to exchange`, { reason: 'not-enough', needed: preview.gives.units });
    case 'sim-blocked':
      return new DomainError('SIM_BLOCKED', 'the SIM is blocked: remainders cannot be exchanged until it is unblocked');
    default:
      return new DomainError('NOT_ELIGIBLE', `an exchange is not allowed now: ${preview.reason}`, { reason: preview.reason });
  }
}
