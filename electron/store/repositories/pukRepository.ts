import type { PukRecord, PukRepository } from '../../core/auth/ports';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlPukRepository implements PukRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async forLine(lineId: string): Promise<PukRecord | null> {
    const row = await this.sql.one<{ puk_hash: string; failed_attempts: number; disabled_at: number | null }>(
      'SELECT puk_hash, failed_attempts, disabled_at FROM puk_codes WHERE line_id = $lineId',
      { lineId },
    );
    return row ? { pukHash: row.puk_hash, failedAttempts: row.failed_attempts, disabledAt: row.disabled_at } : null;
  }

  async update(lineId: string, change: Pick<PukRecord, 'failedAttempts' | 'disabledAt'>): Promise<void> {
    await this.sql.run('UPDATE puk_codes SET failed_attempts = $failedAttempts, disabled_at = $disabledAt WHERE line_id = $lineId', { lineId, ...change });
  }
}
