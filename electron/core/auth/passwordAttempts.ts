import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError, InvalidCredentialsError } from '../errors';
import type { Repositories, UnitOfWork } from '../unitOfWork';

/** After this many failures in a row, each further failure makes the number wait: 1 min, doubling, up to 1 h. */
export const FREE_PASSWORD_FAILURES = 5;
const MINUTE = 60_000;
const MAX_DELAY = 60 * MINUTE;

export function delayAfter(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_PASSWORD_FAILURES) return 0;
  return Math.min(MAX_DELAY, MINUTE * 2 ** (consecutiveFailures - FREE_PASSWORD_FAILURES));
}

/** A counted attempt that may be checked; `refuse` is the answer if the password turns out wrong. */
export interface PasswordAttempt<T = undefined> {
  refuse(): InvalidCredentialsError;
  /** What `alongside` read in the transaction that counted the attempt. */
  found: T;
}

/**
 * The lockout of a number's password, shared by sign-in and by the password re-entered on sensitive screens.
 * Every attempt is counted before the password is checked, and the count and the lockout decision are one
 * transaction: parallel guesses cannot all read "no failures yet". The attempt is counted as if it failed
 * (and the lock it would earn is set) until a right password clears the count; an attempt while the number
 * waits is counted too, and refused without being checked.
 */
export class PasswordAttempts {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  begin(msisdn: E164): Promise<PasswordAttempt>;
  /** `alongside` reads what the check needs (the credential) in the same transaction: one trip to the store, not two. */
  begin<T>(msisdn: E164, alongside: (repos: Repositories) => Promise<T>): Promise<PasswordAttempt<T>>;
  async begin<T>(msisdn: E164, alongside?: (repos: Repositories) => Promise<T>): Promise<PasswordAttempt<T | undefined>> {
    const outcome = await this.uow.write(async (repos) => {
      const now = this.clock.now();
      const [failures, found] = await Promise.all([repos.passwordFailures.get(msisdn), alongside?.(repos)]);
      const consecutive = (failures?.consecutive ?? 0) + 1;
      if (failures?.lockedUntil && failures.lockedUntil > now) {
        await repos.passwordFailures.set(msisdn, { consecutive, lockedUntil: failures.lockedUntil });
        return { waitMs: failures.lockedUntil - now, delay: 0, found };
      }
      const delay = delayAfter(consecutive);
      await repos.passwordFailures.set(msisdn, { consecutive, lockedUntil: delay > 0 ? now + delay : null });
      return { waitMs: undefined, delay, found };
    });
    if (outcome.waitMs !== undefined) throw waitError(outcome.waitMs);
    const { delay, found } = outcome;
    return { found, refuse: () => new InvalidCredentialsError(delay > 0 ? { retryAfterSeconds: Math.ceil(delay / 1000) } : undefined) };
  }

  /** The right password: the number's count starts again. */
  succeeded(msisdn: E164): Promise<void> {
    return this.uow.write((repos) => this.clear(repos, msisdn));
  }

  /** The same, inside the caller's unit of work (the one that records the sign-in). */
  clear(repos: Repositories, msisdn: E164): Promise<void> {
    return repos.passwordFailures.clear(msisdn);
  }
}

function waitError(ms: number): DomainError {
  const seconds = Math.ceil(ms / 1000);
  return new DomainError('RATE_LIMITED', `too many wrong passwords; try again in ${seconds} s or recover the password by SMS`, {
    retryAfterSeconds: seconds,
    recoveryBySms: true,
  });
}
