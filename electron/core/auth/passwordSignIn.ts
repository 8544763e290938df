import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { UnitOfWork } from '../unitOfWork';
import type { E164 } from '../../../shared/phone';
import { InvalidCredentialsError } from '../errors';
import type { PasswordHasher } from './passwordHasher';
import type { Session, SessionRegistry } from './sessions';

/** Sign-in with number + password. One answer for an unknown number and a wrong password. */
export class PasswordSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionRegistry,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async signIn(msisdn: E164, password: string, device: string): Promise<Session> {
    const credential = await this.uow.read((repos) => repos.credentials.forNumber(msisdn));
    const matches =
      credential?.passwordHash != null
        ? await this.hasher.verify(password, credential.passwordHash)
        : await this.hasher.verifyAgainstDecoy(password);
    if (!credential || !matches) throw new InvalidCredentialsError();

    await this.uow.write((repos) =>
      repos.signIns.record({
        id: this.ids.next('signin'),
        subscriberId: credential.subscriberId,
        lineId: credential.lineId,
        way: 'password',
        at: new Date(this.clock.now()).toISOString(),
        device,
      }),
    );
    // The session opens only once the sign-in is on record: no sign-in goes unaudited.
    const session = this.sessions.open({
      subscriberId: credential.subscriberId,
      subscriberName: credential.subscriberName,
      lineId: credential.lineId,
      msisdn: credential.msisdn,
    });
    return session;
  }
}
