import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { LineCredential, SignInWay } from './ports';
import type { Session, SessionRegistry } from './sessions';

/** Opens a session only once the sign-in is on record: no sign-in goes unaudited. */
export class SignInRecorder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionRegistry,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  /** `alsoRecord`: what else the sign-in changes (a password's failure count cleared), in the same transaction. */
  async open(credential: LineCredential, way: SignInWay, device: string, mustSetPassword: boolean, alsoRecord?: (repos: Repositories) => Promise<void>): Promise<Session> {
    await this.uow.write(async (repos) => {
      await alsoRecord?.(repos);
      await repos.signIns.record({
        id: this.ids.next('signin'),
        subscriberId: credential.subscriberId,
        lineId: credential.lineId,
        way,
        at: new Date(this.clock.now()).toISOString(),
        device,
      });
    });
    return this.sessions.open({
      subscriberId: credential.subscriberId,
      subscriberName: credential.subscriberName,
      lineId: credential.lineId,
      msisdn: credential.msisdn,
      way,
      device,
      mustSetPassword,
    });
  }
}
