import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError, InvalidCredentialsError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { PasswordHasher } from './passwordHasher';
import type { PasswordFailures } from './ports';
import type { Session } from './sessions';
import type { SignInRecorder } from './signInRecorder';

/** After this many failures in a row, each further failure makes the number wait: 1 min, doubling, up to 1 h. */
export const FREE_PASSWORD_FAILURES = 5;
const MINUTE = 60_000;
const MAX_DELAY = 60 * MINUTE;

export function delayAfter(consecutiveFailures: number): number {
  if (consecutiveFailures < FREE_PASSWORD_FAILURES) return 0;
  return Math.min(MAX_DELAY, MINUTE * 2 ** (consecutiveFailures - FREE_PASSWORD_FAILURES));
}

/**
 * Sign-in with number + password. One answer for an unknown number and a wrong password, and the
 * same growing delay for both; recovery by SMS is never held back by it.
 */
export class PasswordSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly recorder: SignInRecorder,
    private readonly clock: Clock,
  ) {}

  async signIn(msisdn: E164, password: string, device: string): Promise<Session> {
    const { credential, failures } = await this.uow.read(async (repos) => ({
      credential: await repos.credentials.forNumber(msisdn),
      failures: await repos.passwordFailures.get(msisdn),
    }));
    const now = this.clock.now();
    if (failures?.lockedUntil && failures.lockedUntil > now) throw waitError(failures.lockedUntil - now);

    const matches =
      credential?.passwordHash != null
        ? await this.hasher.verify(password, credential.passwordHash)
        : await this.hasher.verifyAgainstDecoy(password);
    if (!credential || !matches) {
      const consecutive = (failures?.consecutive ?? 0) + 1;
      const delay = delayAfter(consecutive);
      const next: PasswordFailures = { consecutive, lockedUntil: delay > 0 ? this.clock.now() + delay : null };
      await this.uow.write((repos) => repos.passwordFailures.set(msisdn, next));
      throw new InvalidCredentialsError(delay > 0 ? { retryAfterSeconds: Math.ceil(delay / 1000) } : undefined);
    }
    if (failures) await this.uow.write((repos) => repos.passwordFailures.clear(msisdn));
    return this.recorder.open(credential, 'password', device, false);
  }
}

function waitError(ms: number): DomainError {
  const seconds = Math.ceil(ms / 1000);
  return new DomainError('RATE_LIMITED', `too many wrong passwords; try again in ${seconds} s or recover the password by SMS`, {
    retryAfterSeconds: seconds,
    recoveryBySms: true,
  });
}
