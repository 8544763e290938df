import type { GuardEvent, GuardEventKind, SignInGuardRepository } from '../../core/auth/ports';
import type { E164 } from '../../../shared/phone';
import type { SqlExecutor } from '../sqlExecutor';

export class SqlSignInGuardRepository implements SignInGuardRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async add(event: GuardEvent): Promise<void> {
    await this.sql.run('INSERT INTO sign_in_guard_events (kind, msisdn, device, at) VALUES ($kind, $msisdn, $device, $at)', { ...event });
  }

  async timesForNumber(kind: GuardEventKind, msisdn: E164, since: number): Promise<number[]> {
    const rows = await this.sql.all<{ at: number }>('SELECT at FROM sign_in_guard_events WHERE kind = $kind AND msisdn = $msisdn AND at >= $since ORDER BY at', {
      kind,
      msisdn,
      since,
    });
    return rows.map((row) => Number(row.at));
  }

  async timesForDevice(kind: GuardEventKind, device: string, since: number): Promise<number[]> {
    const rows = await this.sql.all<{ at: number }>('SELECT at FROM sign_in_guard_events WHERE kind = $kind AND device = $device AND at >= $since ORDER BY at', {
      kind,
      device,
      since,
    });
    return rows.map((row) => Number(row.at));
  }

  async forgetCountedBefore(before: number): Promise<void> {
    await this.sql.run("DELETE FROM sign_in_guard_events WHERE kind IN ('message', 'verify') AND at < $before", { before });
  }
}
