import type { E164 } from '../../../shared/phone';
import type { UnitOfWork } from '../unitOfWork';
import type { PasswordAttempts } from './passwordAttempts';
import type { PasswordHasher } from './passwordHasher';
import type { Session } from './sessions';
import { readSignInLetterData, type SignInRecorder } from './signInRecorder';
import type { Clock } from '../clock';

/**
 * Sign-in with number + password. One answer for an unknown number and a wrong password, and the
 * same growing delay for both; recovery by SMS is never held back by it.
 */
export class PasswordSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly recorder: SignInRecorder,
    private readonly attempts: PasswordAttempts,
    private readonly clock: Clock,
  ) {}

  async signIn(msisdn: E164, password: string, device: string): Promise<Session> {
    // Counted (or refused while the number waits) before anything is checked.
    // Read in the same round trip: the credential, and the line and profile the «new sign-in» letter needs.
    const attempt = await this.attempts.begin(msisdn, (repos) =>
      Promise.all([repos.credentials.forNumber(msisdn), readSignInLetterData(repos, msisdn, new Date(this.clock.now()).toISOString())]),
    );
    const [credential, letterData] = attempt.found;
    const matches =
      credential?.passwordHash != null
        ? await this.hasher.verify(password, credential.passwordHash)
        : await this.hasher.verifyAgainstDecoy(password);
    if (!credential || !matches) throw attempt.refuse();
    // The count starts again in the transaction that records the sign-in.
    return this.recorder.open(credential, 'password', device, false, (repos) => this.attempts.clear(repos, msisdn), letterData);
  }
}
