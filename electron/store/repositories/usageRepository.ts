import type { LineStatus, OverageRates, UsageEvent, UsageRepository } from '../../core/account/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlUsageRepository implements UsageRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async overage(tariffId: string): Promise<OverageRates | null> {
    const row = await this.sql.one<{ voice: number; sms: number; data: number }>(
      `SELECT voice_per_minute_kopecks AS voice, sms_each_kopecks AS sms, data_per_mb_kopecks AS data
         FROM tariff_overage WHERE tariff_id = $tariffId`,
      { tariffId },
    );
    return row ? { voicePerMinute: row.voice, smsEach: row.sms, dataPerMb: row.data } : null;
  }

  async record(event: UsageEvent): Promise<void> {
    await this.sql.run(
      `INSERT INTO usage_events (id, line_id, kind, occurred_at, quantity, billed_units, charged_kopecks, free_by)
       VALUES ($id, $lineId, $kind, $occurredAt, $quantity, $billedUnits, $chargedKopecks, $freeBy)`,
      { ...event, freeBy: event.freeBy ?? null },
    );
  }

  async setLineStatus(lineId: string, status: LineStatus): Promise<void> {
    await this.sql.run('UPDATE lines SET status = $status WHERE id = $lineId', { lineId, status });
  }
}
