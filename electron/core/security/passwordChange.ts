import type { PasswordHasher } from '../auth/passwordHasher';
import { requireAcceptablePassword } from '../auth/passwordPolicy';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import type { UnitOfWork } from '../unitOfWork';
import { randomIds, type IdGenerator } from '../ids';
import { queueMailNotice } from '../mail/mailNotices';
import { passwordOwnerOf, requireProfilePassword } from './profilePassword';

/** «Сменить пароль»: the current password, then a new one by the sign-in rules. The caller ends the other sessions. */
export class PasswordChange {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator = randomIds,
  ) {}

  async change(session: Session, current: string, next: string): Promise<void> {
    await requireProfilePassword(this.uow, this.hasher, this.clock, session.subscriberId, current);
    await requireAcceptablePassword(next, await passwordOwnerOf(this.uow, this.hasher, session.subscriberId), 'next');
    const hash = await this.hasher.hash(next);
    await this.uow.write(async (repos) => {
      await repos.credentials.setPasswordHash(session.subscriberId, hash, new Date(this.clock.now()).toISOString());
      await repos.passwordFailures.clear(session.msisdn);
      await queueMailNotice(repos, { subscriberId: session.subscriberId }, { kind: 'password-changed', eventId: this.ids.next('password'), at: new Date(this.clock.now()).toISOString() }, { clock: this.clock, ids: this.ids });
    });
  }
}
