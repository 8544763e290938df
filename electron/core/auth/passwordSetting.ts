import type { Clock } from '../clock';
import type { UnitOfWork } from '../unitOfWork';
import type { PasswordHasher } from './passwordHasher';
import { requireAcceptablePassword } from './passwordPolicy';
import type { Session } from './sessions';

/** Sets the subscriber's password after registration, recovery or a PUK sign-in. */
export class PasswordSetting {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
  ) {}

  async set(session: Session, password: string): Promise<void> {
    requireAcceptablePassword(password, session.msisdn);
    const hash = await this.hasher.hash(password);
    await this.uow.write(async (repos) => {
      await repos.credentials.setPasswordHash(session.subscriberId, hash, new Date(this.clock.now()).toISOString());
      await repos.passwordFailures.clear(session.msisdn);
    });
    session.mustSetPassword = false;
  }
}
