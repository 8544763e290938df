import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { passwordOwnerOf, requireProfilePassword } from '../security/profilePassword';
import type { UnitOfWork } from '../unitOfWork';
import { randomIds, type IdGenerator } from '../ids';
import { queueMailNotice } from '../mail/mailNotices';
import type { PasswordHasher } from './passwordHasher';
import { requireAcceptablePassword } from './passwordPolicy';
import type { Session } from './sessions';

/** How long a registration, recovery or PUK sign-in stays proof enough to set a password without the current one. */
export const FRESH_PROOF_MS = 10 * 60_000;

/**
 * Sets the subscriber's password. A session that must set one (registration, recovery, PUK) may do so without
 * the current password while its proof is fresh; any other setting needs the current password, checked under
 * the same lockout as a sign-in. The caller ends the subscriber's other sessions.
 */
export class PasswordSetting {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator = randomIds,
  ) {}

  async set(session: Session, password: string, current?: string): Promise<void> {
    const freshProof = session.mustSetPassword && this.clock.now() - session.signedInAt < FRESH_PROOF_MS;
    if (!freshProof) {
      if (current === undefined) {
        const expected = 'your current password';
        throw new DomainError('VALIDATION', `current: ${expected}`, {
          fields: [{ field: 'current', expected }],
          reason: session.mustSetPassword ? 'proof-expired' : 'current-password-needed',
        });
      }
      await requireProfilePassword(this.uow, this.hasher, this.clock, session.subscriberId, current);
    }
    await requireAcceptablePassword(password, await passwordOwnerOf(this.uow, this.hasher, session.subscriberId));
    const hash = await this.hasher.hash(password);
    await this.uow.write(async (repos) => {
      await repos.credentials.setPasswordHash(session.subscriberId, hash, new Date(this.clock.now()).toISOString());
      await repos.passwordFailures.clear(session.msisdn);
      await queueMailNotice(repos, { subscriberId: session.subscriberId }, { kind: 'password-changed', eventId: this.ids.next('password'), at: new Date(this.clock.now()).toISOString() }, { clock: this.clock, ids: this.ids });
    });
    session.mustSetPassword = false;
  }
}
