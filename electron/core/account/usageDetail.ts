import { DateTime } from 'luxon';
import type { DetailRow, UsageDetail } from '../../../shared/contract/account';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import { billedUnits, inPackageUnits } from './usageBilling';

export type DetailKind = 'all' | 'voice' | 'sms' | 'data' | 'money';
const MAX_DAYS = 366;

/** «Детализация»: the line's usage and money movements over whole days of its region's calendar. */
export class UsageDetailService {
  constructor(private readonly uow: UnitOfWork) {}

  async forLine(lineId: string, from: string, to: string, kind: DetailKind): Promise<UsageDetail> {
    return this.uow.read(async (repos) => {
      const line = await repos.account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const zone = line.region.timeZone;
      const start = DateTime.fromISO(from, { zone }).startOf('day');
      const end = DateTime.fromISO(to, { zone }).startOf('day');
      const field = (name: string, expected: string) => new DomainError('VALIDATION', `${name}: ${expected}`, { fields: [{ field: name, expected }] });
      if (!start.isValid) throw field('from', 'a date like 2026-11-01');
      if (!end.isValid) throw field('to', 'a date like 2026-11-30');
      if (end < start) throw field('to', 'a date on or after "from"');
      if (end.diff(start, 'days').days >= MAX_DAYS) throw field('to', `at most ${MAX_DAYS} days after "from"`);
      const fromIso = start.toUTC().toISO()!;
      const toIso = end.plus({ days: 1 }).toUTC().toISO()!;

      const [usage, money] = await Promise.all([
        repos.account.usageEvents(lineId, fromIso, toIso),
        repos.account.balanceMovements(lineId, fromIso, toIso),
      ]);
      const rows: DetailRow[] = [
        ...usage.map((event) => ({ at: event.occurredAt, kind: event.kind, what: event.kind, quantity: event.quantity, amountKopecks: 0 })),
        ...money.map((movement) => ({ at: movement.at, kind: 'money' as const, what: movement.kind, quantity: 0, amountKopecks: movement.amountKopecks })),
      ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

      const days = new Map<string, { date: string; voiceMinutes: number; sms: number; dataKb: number }>();
      for (let day = start; day <= end; day = day.plus({ days: 1 })) days.set(day.toISODate()!, { date: day.toISODate()!, voiceMinutes: 0, sms: 0, dataKb: 0 });
      const totals = { voiceMinutes: 0, sms: 0, dataKb: 0, chargedKopecks: 0, paidKopecks: 0 };
      const counter: Record<'voice' | 'sms' | 'data', 'voiceMinutes' | 'sms' | 'dataKb'> = { voice: 'voiceMinutes', sms: 'sms', data: 'dataKb' };
      for (const event of usage) {
        const billed = billedUnits(event.kind, event.quantity);
        const key = counter[event.kind];
        totals[key] += billed;
        const bucket = days.get(DateTime.fromISO(event.occurredAt, { zone }).toISODate()!);
        if (bucket) bucket[key] += billed;
      }
      for (const movement of money) {
        if (movement.amountKopecks < 0) totals.chargedKopecks += -movement.amountKopecks;
        else totals.paidKopecks += movement.amountKopecks;
      }
      return {
        from: start.toISODate()!,
        to: end.toISODate()!,
        rows: kind === 'all' ? rows : rows.filter((row) => row.kind === kind),
        totals: {
          voiceMinutes: totals.voiceMinutes,
          sms: totals.sms,
          dataMb: inPackageUnits('data', totals.dataKb),
          chargedKopecks: totals.chargedKopecks,
          paidKopecks: totals.paidKopecks,
        },
        daily: [...days.values()].map((day) => ({ date: day.date, voiceMinutes: day.voiceMinutes, sms: day.sms, dataMb: inPackageUnits('data', day.dataKb) })),
      };
    });
  }
}
