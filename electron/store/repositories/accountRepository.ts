import type { AccountRepository, BilledUsage, DirectoryEntry, LineProfile, LineStatus } from '../../core/account/ports';
import type { E164 } from '../../../shared/phone';
import type { PackageKind } from '../../../shared/contract/account';
import type { SqlExecutor } from '../sqlExecutor';
import { lineAccount } from '../../core/account/ledgerAccounts';
import { oneRemembered } from './unitOfWorkReads';

type LineRow = {
  line_id: string;
  msisdn: string;
  status: string;
  billing_day: number;
  tariff_since: string | null;
  fee_paid_from: string | null;
  activated_at: string;
  subscriber_id: string;
  full_name: string;
  region_id: string;
  region_name_ru: string;
  region_name_en: string;
  time_zone: string;
  tariff_id: string;
  tariff_name_ru: string;
  tariff_name_en: string;
  rollover: string;
  unlimited: string;
  monthly_fee_kopecks: number | null;
  /** `kind:amount,…` (NULL when there are none). */
  tariff_packages: string | null;
  service_packages: string | null;
  /** The connected services' unlimited kinds, their lists joined with commas. */
  service_unlimited: string | null;
};

/** `voice:300,data:10240` → its pairs. */
function kindAmounts(list: string | null): Array<[PackageKind, number]> {
  return list ? splitList(list).map((pair) => {
    const colon = pair.indexOf(':');
    return [pair.slice(0, colon) as PackageKind, Number(pair.slice(colon + 1))];
  }) : [];
}

export class SqlAccountRepository implements AccountRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async directory(): Promise<DirectoryEntry[]> {
    return (await this.sql.all<{ msisdn: string; full_name: string; status: string }>(
        'SELECT l.msisdn, s.full_name, l.status FROM lines l JOIN subscribers s ON s.id = l.subscriber_id ORDER BY s.full_name, l.msisdn',
      ))
      .map((row) => ({ msisdn: row.msisdn as E164, subscriberName: row.full_name, status: row.status as LineStatus }));
  }

  async line(lineId: string): Promise<LineProfile | null> {
    return this.lineWhere('l.id = $key', lineId);
  }

  async lineOfNumber(msisdn: E164): Promise<LineProfile | null> {
    return this.lineWhere('l.msisdn = $key', msisdn);
  }

  private async lineWhere(condition: string, key: string): Promise<LineProfile | null> {
    // One statement: the tariff's packages, the connected services' packages and their unlimited kinds come as
    // lists beside the line (four statements before, each a message to build and an answer to parse).
    // A unit of work's upkeep checks and its screen each ask for the line: read once until it writes.
    const list = this.sql.dialect === 'postgres' ? 'string_agg' : 'group_concat';
    const row = await oneRemembered<LineRow>(
      this.sql,
      `SELECT l.id AS line_id, l.msisdn, l.status, l.billing_day, l.tariff_since, l.fee_paid_from, l.created_at AS activated_at,
              s.id AS subscriber_id, s.full_name,
              r.id AS region_id, r.name_ru AS region_name_ru, r.name_en AS region_name_en, r.time_zone,
              t.id AS tariff_id, t.name_ru AS tariff_name_ru, t.name_en AS tariff_name_en, t.rollover, t.unlimited,
              p.monthly_fee_kopecks,
              (SELECT ${list}(tp.kind || ':' || tp.amount, ',') FROM tariff_packages tp WHERE tp.tariff_id = l.tariff_id) AS tariff_packages,
              (SELECT ${list}(sp.kind || ':' || sp.amount, ',') FROM line_services ls JOIN service_packages sp ON sp.service_id = ls.service_id
                WHERE ls.line_id = l.id) AS service_packages,
              (SELECT ${list}(sv.unlimited, ',') FROM line_services ls JOIN services sv ON sv.id = ls.service_id WHERE ls.line_id = l.id) AS service_unlimited
         FROM lines l
         JOIN subscribers s ON s.id = l.subscriber_id
         JOIN regions r ON r.id = s.region_id
         JOIN tariffs t ON t.id = l.tariff_id
         LEFT JOIN tariff_prices p ON p.tariff_id = t.id AND p.region_id = r.id
        WHERE ${condition}`,
      { key },
    );
    if (!row) return null;
    const packages: Partial<Record<PackageKind, number>> = {};
    for (const [kind, amount] of kindAmounts(row.tariff_packages)) packages[kind] = amount;
    const ownPackages = { ...packages };
    // Connected services add their packages (e.g. +5 GB) to the tariff's.
    for (const [kind, amount] of kindAmounts(row.service_packages)) packages[kind] = (packages[kind] ?? 0) + amount;
    return {
      lineId: row.line_id,
      msisdn: row.msisdn as E164,
      status: row.status as LineStatus,
      billingDay: row.billing_day,
      tariffSince: row.tariff_since,
      feePaidFrom: row.fee_paid_from,
      activatedAt: row.activated_at,
      subscriberId: row.subscriber_id,
      subscriberName: row.full_name,
      region: { id: row.region_id, name: { ru: row.region_name_ru, en: row.region_name_en }, timeZone: row.time_zone },
      tariff: {
        id: row.tariff_id,
        name: { ru: row.tariff_name_ru, en: row.tariff_name_en },
        monthlyFeeKopecks: row.monthly_fee_kopecks ?? 0,
        packages,
        ownPackages,
        rollover: splitList(row.rollover) as PackageKind[],
        unlimited: [...new Set([...splitList(row.unlimited), ...splitList(row.service_unlimited ?? '')])],
      },
    };
  }

  async balanceKopecks(lineId: string): Promise<number> {
    const row = await this.sql.one<{ balance: number }>(
      'SELECT COALESCE(SUM(amount_kopecks), 0) AS balance FROM ledger_entries WHERE account = $account',
      { account: lineAccount(lineId) },
    );
    return row?.balance ?? 0;
  }

  async balanceMovements(lineId: string, fromIso: string, toIso: string): Promise<Array<{ at: string; kind: string; amountKopecks: number }>> {
    return (await this.sql.all<{ created_at: string; kind: string; amount: number }>(
        `SELECT t.created_at, t.kind, SUM(e.amount_kopecks) AS amount
           FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
          WHERE e.account = $account AND t.created_at >= $fromIso AND t.created_at < $toIso
          GROUP BY t.id, t.created_at, t.kind ORDER BY t.created_at, t.id`,
        { account: lineAccount(lineId), fromIso, toIso },
      ))
      .map((row) => ({ at: row.created_at, kind: row.kind, amountKopecks: row.amount }));
  }

  async usageEvents(lineId: string, fromIso: string, toIso: string): Promise<Array<{ kind: PackageKind; quantity: number; occurredAt: string }>> {
    return (await this.sql.all<{ kind: string; quantity: number; occurred_at: string }>(
        `SELECT kind, quantity, occurred_at FROM usage_events
          WHERE line_id = $lineId AND occurred_at >= $fromIso AND occurred_at < $toIso ORDER BY occurred_at, id`,
        { lineId, fromIso, toIso },
      ))
      .map((row) => ({ kind: row.kind as PackageKind, quantity: row.quantity, occurredAt: row.occurred_at }));
  }

  async usageEventsPage(
    lineId: string,
    fromIso: string,
    toIso: string,
    kind: PackageKind | null,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; kind: PackageKind; quantity: number; occurredAt: string }>> {
    // Keyset paging on (occurred_at, id): the index on (line_id, occurred_at) starts the scan at the cursor.
    const rows = await this.sql.all<{ id: string; kind: string; quantity: number; occurred_at: string }>(
      `SELECT id, kind, quantity, occurred_at FROM usage_events
        WHERE line_id = $lineId AND occurred_at >= $fromAt AND occurred_at < $toIso
          AND (occurred_at > $afterAt OR id > $afterId) ${kind ? 'AND kind = $kind' : ''}
        ORDER BY occurred_at, id LIMIT $limit`,
      { lineId, toIso, fromAt: after && after.at > fromIso ? after.at : fromIso, afterAt: after?.at ?? '', afterId: after?.id ?? '', limit, ...(kind ? { kind } : {}) },
    );
    return rows.map((row) => ({ id: row.id, kind: row.kind as PackageKind, quantity: row.quantity, occurredAt: row.occurred_at }));
  }

  async balanceMovementsPage(
    lineId: string,
    fromIso: string,
    toIso: string,
    after: { at: string; id: string } | null,
    limit: number,
  ): Promise<Array<{ id: string; at: string; kind: string; amountKopecks: number }>> {
    const rows = await this.sql.all<{ id: string; created_at: string; kind: string; amount: number }>(
      `SELECT t.id, t.created_at, t.kind, SUM(e.amount_kopecks) AS amount
         FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.transaction_id
        WHERE e.account = $account AND t.created_at >= $fromAt AND t.created_at < $toIso
          AND (t.created_at > $afterAt OR t.id > $afterId)
        GROUP BY t.id, t.created_at, t.kind ORDER BY t.created_at, t.id LIMIT $limit`,
      { account: lineAccount(lineId), toIso, fromAt: after && after.at > fromIso ? after.at : fromIso, afterAt: after?.at ?? '', afterId: after?.id ?? '', limit },
    );
    return rows.map((row) => ({ id: row.id, at: row.created_at, kind: row.kind, amountKopecks: Number(row.amount) }));
  }

  async billedUsage(lineId: string, fromIso: string, toIso: string, keep = false): Promise<BilledUsage> {
    const window = { lineId, fromIso, toIso };
    // One statement: the window's running totals where they are kept, else the sum of its events (the sum is not
    // computed when the totals exist: the NOT EXISTS is the same for every row).
    const rows = await this.sql.all<{ kept: number; kind: string; voice: number; sms: number; data: number; billed: number }>(
      `SELECT 1 AS kept, '' AS kind, voice, sms, data, 0 AS billed FROM usage_windows WHERE line_id = $lineId AND from_iso = $fromIso AND to_iso = $toIso
       UNION ALL
       SELECT 0 AS kept, kind, 0 AS voice, 0 AS sms, 0 AS data, SUM(billed_units) AS billed FROM usage_events
        WHERE line_id = $lineId AND occurred_at >= $fromIso AND occurred_at < $toIso AND free_by IS NULL
          AND NOT EXISTS (SELECT 1 FROM usage_windows WHERE line_id = $lineId AND from_iso = $fromIso AND to_iso = $toIso)
        GROUP BY kind`,
      window,
    );
    const kept = rows.find((row) => row.kept === 1);
    if (kept) return { voice: kept.voice, sms: kept.sms, data: kept.data };
    const usage: BilledUsage = { voice: 0, sms: 0, data: 0 };
    for (const row of rows) usage[row.kind as PackageKind] = row.billed;
    // From here on the trigger of migration 14 adds every event of this window to these totals.
    if (keep) {
      await this.sql.run(
        'INSERT INTO usage_windows (line_id, from_iso, to_iso, voice, sms, data) VALUES ($lineId, $fromIso, $toIso, $voice, $sms, $data)',
        { ...window, ...usage },
      );
    }
    return usage;
  }
}

/** "voice,data" → ["voice", "data"]; "" → []. */
export const splitList = (list: string): string[] => list.split(',').filter(Boolean);
