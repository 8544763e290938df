import type { PasswordFailureRepository, PasswordFailures } from '../../core/auth/ports';
import type { E164 } from '../../../shared/phone';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlPasswordFailureRepository implements PasswordFailureRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async get(msisdn: E164): Promise<PasswordFailures | null> {
    const row = await this.sql.one<{ consecutive: number; locked_until: number | null }>(
      'SELECT consecutive, locked_until FROM password_failures WHERE msisdn = $msisdn',
      { msisdn },
    );
    return row ? { consecutive: row.consecutive, lockedUntil: row.locked_until } : null;
  }

  async set(msisdn: E164, failures: PasswordFailures): Promise<void> {
    await this.sql.run('DELETE FROM password_failures WHERE msisdn = $msisdn', { msisdn });
    await this.sql.run('INSERT INTO password_failures (msisdn, consecutive, locked_until) VALUES ($msisdn, $consecutive, $lockedUntil)', {
      msisdn,
      consecutive: failures.consecutive,
      lockedUntil: failures.lockedUntil,
    });
  }

  async clear(msisdn: E164): Promise<void> {
    await this.sql.run('DELETE FROM password_failures WHERE msisdn = $msisdn', { msisdn });
  }
}
