import { DateTime } from 'luxon';
import type { DetailPage, DetailRow, DetailSummary, PackageKind, UsageDetail } from './model';
import { DomainError } from '../errors';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { billedUnits, inPackageUnits } from './usageBilling';

export type DetailKind = 'all' | 'voice' | 'sms' | 'data' | 'money';
const MAX_DAYS = 366;
/** Rows per read when the summary or an export walks a range: short enough that no read holds the main process long. */
const SUMMARY_CHUNK = 2000;

type Position = { at: string; id: string } | null;
const field = (name: string, expected: string) => new DomainError('VALIDATION', `${name}: ${expected}`, { fields: [{ field: name, expected }] });

/** The line's region calendar days [from, to] as UTC instants [fromIso, toIso), validated. */
async function lineRange(repos: Repositories, lineId: string, from: string, to: string) {
  const line = await repos.account.line(lineId);
  if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
  const zone = line.region.timeZone;
  const start = DateTime.fromISO(from, { zone }).startOf('day');
  const end = DateTime.fromISO(to, { zone }).startOf('day');
  if (!start.isValid) throw field('from', 'a date like 2026-11-01');
  if (!end.isValid) throw field('to', 'a date like 2026-11-30');
  if (end < start) throw field('to', 'a date on or after "from"');
  if (end.diff(start, 'days').days >= MAX_DAYS) throw field('to', `at most ${MAX_DAYS} days after "from"`);
  return { zone, start, end, fromIso: start.toUTC().toISO()!, toIso: end.plus({ days: 1 }).toUTC().toISO()! };
}

/** Where each source stopped: opaque to the window (base64url JSON), checked when it comes back. */
function encodeCursor(position: { usage: Position; money: Position }): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { usage: Position; money: Position } {
  if (cursor === undefined) return { usage: null, money: null };
  const bad = () => field('cursor', "the previous page's nextCursor");
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const isPosition = (value: unknown): value is Position =>
    value === null || (typeof value === 'object' && typeof (value as { at?: unknown }).at === 'string' && typeof (value as { id?: unknown }).id === 'string');
  const { usage, money } = (parsed ?? {}) as { usage?: unknown; money?: unknown };
  if (!isPosition(usage) || !isPosition(money)) throw bad();
  return { usage: usage && { at: usage.at, id: usage.id }, money: money && { at: money.at, id: money.id } };
}

/** «Детализация»: the line's usage and money movements over whole days of its region's calendar. */
export class UsageDetailService {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * One page of the rows of {@link forLine}, in the same order: each source (usage, money) is read from its
   * position in the cursor on, at most `limit` + 1 rows, so a page costs the same at the start or the end of a year.
   */
  async page(lineId: string, from: string, to: string, kind: DetailKind, cursor: string | undefined, limit: number): Promise<DetailPage> {
    const position = decodeCursor(cursor);
    return this.uow.read(async (repos) => {
      const { fromIso, toIso } = await lineRange(repos, lineId, from, to);
      const usageKind: PackageKind | null = kind === 'all' || kind === 'money' ? null : kind;
      const [usage, money] = await Promise.all([
        kind === 'money' ? [] : repos.account.usageEventsPage(lineId, fromIso, toIso, usageKind, position.usage, limit + 1),
        kind === 'all' || kind === 'money' ? repos.account.balanceMovementsPage(lineId, fromIso, toIso, position.money, limit + 1) : [],
      ]);
      const fromUsage = usage.map((event) => ({ source: 0, id: event.id, row: { at: event.occurredAt, kind: event.kind, what: event.kind, quantity: event.quantity, amountKopecks: 0 } as DetailRow }));
      const fromMoney = money.map((movement) => ({ source: 1, id: movement.id, row: { at: movement.at, kind: 'money' as const, what: movement.kind, quantity: 0, amountKopecks: movement.amountKopecks } as DetailRow }));
      // A merge that keeps each source in the store's own order (its collation orders the ids), usage first on a tie.
      const merged: typeof fromUsage = [];
      for (let u = 0, m = 0; u < fromUsage.length || m < fromMoney.length; ) {
        if (m >= fromMoney.length || (u < fromUsage.length && fromUsage[u]!.row.at <= fromMoney[m]!.row.at)) merged.push(fromUsage[u++]!);
        else merged.push(fromMoney[m++]!);
      }
      const taken = merged.slice(0, limit);
      const next = { ...position };
      for (const item of taken) next[item.source === 0 ? 'usage' : 'money'] = { at: item.row.at, id: item.id };
      return { rows: taken.map((item) => item.row), nextCursor: merged.length > limit ? encodeCursor(next) : null };
    });
  }

  /**
   * The range's totals, a bucket per day of the region's calendar and how many rows `kind` has — without the rows.
   * Read a chunk at a time, each chunk its own short read, so a year of usage never holds the main process in one
   * read (the rows themselves come from {@link page}).
   */
  async summary(lineId: string, from: string, to: string, kind: DetailKind): Promise<DetailSummary> {
    const { start, end, fromIso, toIso } = await this.uow.read((repos) => lineRange(repos, lineId, from, to));
    const days: Array<{ date: string; startsAt: number; voiceMinutes: number; sms: number; dataKb: number }> = [];
    for (let day = start; day <= end; day = day.plus({ days: 1 })) days.push({ date: day.toISODate()!, startsAt: day.toMillis(), voiceMinutes: 0, sms: 0, dataKb: 0 });
    const totals = { voiceMinutes: 0, sms: 0, dataKb: 0, chargedKopecks: 0, paidKopecks: 0 };
    const counter: Record<PackageKind, 'voiceMinutes' | 'sms' | 'dataKb'> = { voice: 'voiceMinutes', sms: 'sms', data: 'dataKb' };
    let rowCount = 0;

    // Usage comes oldest first, so the day bucket only moves forward.
    let bucket = 0;
    for (let after: Position = null; ; ) {
      const chunk = await this.uow.read((repos) => repos.account.usageEventsPage(lineId, fromIso, toIso, null, after, SUMMARY_CHUNK));
      for (const event of chunk) {
        const billed = billedUnits(event.kind, event.quantity);
        const key = counter[event.kind];
        totals[key] += billed;
        const at = Date.parse(event.occurredAt);
        while (bucket + 1 < days.length && days[bucket + 1]!.startsAt <= at) bucket += 1;
        days[bucket]![key] += billed;
        if (kind === 'all' || kind === event.kind) rowCount += 1;
      }
      if (chunk.length < SUMMARY_CHUNK) break;
      after = { at: chunk.at(-1)!.occurredAt, id: chunk.at(-1)!.id };
    }
    for (let after: Position = null; ; ) {
      const chunk = await this.uow.read((repos) => repos.account.balanceMovementsPage(lineId, fromIso, toIso, after, SUMMARY_CHUNK));
      for (const movement of chunk) {
        if (movement.amountKopecks < 0) totals.chargedKopecks += -movement.amountKopecks;
        else totals.paidKopecks += movement.amountKopecks;
        if (kind === 'all' || kind === 'money') rowCount += 1;
      }
      if (chunk.length < SUMMARY_CHUNK) break;
      after = { at: chunk.at(-1)!.at, id: chunk.at(-1)!.id };
    }
    return {
      from: start.toISODate()!,
      to: end.toISODate()!,
      rowCount,
      totals: {
        voiceMinutes: totals.voiceMinutes,
        sms: totals.sms,
        dataMb: inPackageUnits('data', totals.dataKb),
        chargedKopecks: totals.chargedKopecks,
        paidKopecks: totals.paidKopecks,
      },
      daily: days.map((day) => ({ date: day.date, voiceMinutes: day.voiceMinutes, sms: day.sms, dataMb: inPackageUnits('data', day.dataKb) })),
    };
  }

  /**
   * The summary and every row of the range, the rows read page by page (for an export, which needs them all). Usage
   * recorded while it is read may show in the rows and not yet in the totals.
   */
  async whole(lineId: string, from: string, to: string, kind: DetailKind): Promise<UsageDetail> {
    const { rowCount: _counted, ...summary } = await this.summary(lineId, from, to, kind);
    const rows: DetailRow[] = [];
    for (let cursor: string | undefined; ; ) {
      const next = await this.page(lineId, from, to, kind, cursor, SUMMARY_CHUNK);
      rows.push(...next.rows);
      if (!next.nextCursor) break;
      cursor = next.nextCursor;
    }
    return { ...summary, rows };
  }
}
