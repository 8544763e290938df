import { randomBytes } from 'node:crypto';
import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { SecretHasher } from './secretHash';
import type { Session } from './sessions';
import type { SignInGuard } from './signInGuard';
import type { SignInRecorder } from './signInRecorder';

export const PUK_TRIES = 3;

/**
 * Sign-in with the 8-digit PUK from the SIM card's holder; it works even for a blocked SIM. Three
 * wrong PUKs switch this way off for the line: then only a store (with a passport) can help.
 *
 * A number without a PUK of ours (not a subscriber) answers the same: its PUKs are checked against a secret no PUK
 * matches, with one hash, its wrong tries are kept for the number and run out after three, as a line's do.
 */
export class PukSignIn {
  /** What a PUK for a number without one is checked against: a hash of nothing a PUK can be. */
  private readonly decoyHash: string;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: SecretHasher,
    private readonly recorder: SignInRecorder,
    private readonly clock: Clock,
    private readonly guard: SignInGuard,
  ) {
    this.decoyHash = hasher.hash('decoy', randomBytes(32).toString('base64'));
  }

  async signIn(msisdn: E164, puk: string, device: string): Promise<Session> {
    const outcome = await this.uow.write(async (repos) => {
      await this.guard.admitVerify(repos, msisdn, device);
      const credential = await repos.credentials.forNumber(msisdn);
      const record = credential ? await repos.puks.forLine(credential.lineId) : null;
      if (!credential || !record) {
        const misses = await repos.signInGuard.timesForNumber('puk-miss', msisdn, 0);
        if (misses.length >= PUK_TRIES) throw pukDisabled();
        this.hasher.matches(msisdn, puk, this.decoyHash);
        await repos.signInGuard.add({ kind: 'puk-miss', msisdn, device, at: this.clock.now() });
        return { credential: null, triesLeft: Math.max(0, PUK_TRIES - misses.length - 1) };
      }
      if (record.disabledAt !== null) throw pukDisabled();
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

function pukDisabled(): DomainError {
  return new DomainError('NOT_ELIGIBLE', 'PUK sign-in is off for this line after 3 wrong PUKs; visit an operator store with your passport', {
    reason: 'puk-disabled',
  });
}
