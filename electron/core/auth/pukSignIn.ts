import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { SecretHasher } from './secretHash';
import type { Session } from './sessions';
import type { SignInRecorder } from './signInRecorder';

export const PUK_TRIES = 3;

/**
 * Sign-in with the 8-digit PUK from the SIM card's holder; it works even for a blocked SIM. Three
 * wrong PUKs switch this way off for the line: then only a store (with a passport) can help.
 */
export class PukSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: SecretHasher,
    private readonly recorder: SignInRecorder,
    private readonly clock: Clock,
  ) {}

  async signIn(msisdn: E164, puk: string, device: string): Promise<Session> {
    const outcome = await this.uow.write(async (repos) => {
      const credential = await repos.credentials.forNumber(msisdn);
      if (!credential) throw new DomainError('NOT_FOUND', 'this number is not a subscriber of the operator', { reason: 'not-a-subscriber' });
      const record = await repos.puks.forLine(credential.lineId);
      if (!record || record.disabledAt !== null) {
        throw new DomainError('NOT_ELIGIBLE', 'PUK sign-in is off for this line after 3 wrong PUKs; visit an operator store with your passport', {
          reason: 'puk-disabled',
        });
      }
      if (this.hasher.matches(credential.lineId, puk, record.pukHash)) {
        await repos.puks.update(credential.lineId, { failedAttempts: 0, disabledAt: null });
        await repos.passwordFailures.clear(msisdn);
        return { credential, triesLeft: PUK_TRIES };
      }
      const failedAttempts = record.failedAttempts + 1;
      const triesLeft = Math.max(0, PUK_TRIES - failedAttempts);
      await repos.puks.update(credential.lineId, { failedAttempts, disabledAt: triesLeft === 0 ? this.clock.now() : null });
      return { credential: null, triesLeft };
    });
    if (!outcome.credential) {
      throw new DomainError(
        'INVALID_CREDENTIALS',
        outcome.triesLeft > 0 ? 'wrong PUK' : 'wrong PUK; PUK sign-in is now off for this line, visit an operator store with your passport',
        { triesLeft: outcome.triesLeft, reason: 'wrong-puk' },
      );
    }
    return this.recorder.open(outcome.credential, 'puk', device, true);
  }
}
