import type { BillingRepository } from '../../core/account/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlBillingRepository implements BillingRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async monthlyFees(lineId: string): Promise<number> {
    const row = await this.sql.one<{ fees: number }>(
      `SELECT COALESCE((SELECT p.monthly_fee_kopecks FROM lines l JOIN subscribers s ON s.id = l.subscriber_id
                          JOIN tariff_prices p ON p.tariff_id = l.tariff_id AND p.region_id = s.region_id WHERE l.id = $lineId), 0)
            + COALESCE((SELECT SUM(sp.monthly_fee_kopecks) FROM line_services ls JOIN lines l ON l.id = ls.line_id
                          JOIN subscribers s ON s.id = l.subscriber_id
                          JOIN service_prices sp ON sp.service_id = ls.service_id AND sp.region_id = s.region_id
                         WHERE ls.line_id = $lineId), 0) AS fees`,
      { lineId },
    );
    return row?.fees ?? 0;
  }

  async markFeePaid(lineId: string, periodStart: string): Promise<void> {
    await this.sql.run('UPDATE lines SET fee_paid_from = $periodStart WHERE id = $lineId', { lineId, periodStart });
  }
}
