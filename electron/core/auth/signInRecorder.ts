import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { UnitOfWork } from '../unitOfWork';
import { queueMailNotice } from '../mail/mailNotices';
import type { MailLanguage } from '../mail/ports';
import type { LineCredential, SignInWay } from './ports';
import type { Session, SessionRegistry } from './sessions';

/** Opens a session only once the sign-in is on record: no sign-in goes unaudited. */
export class SignInRecorder {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionRegistry,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    /** The language the windows speak now: the subscriber's letters are written in it from this sign-in on. */
    private readonly language?: () => MailLanguage,
  ) {}

  async open(credential: LineCredential, way: SignInWay, device: string, mustSetPassword: boolean): Promise<Session> {
    await this.uow.write(async (repos) => {
      const entry = { id: this.ids.next('signin'), subscriberId: credential.subscriberId, lineId: credential.lineId, way, at: new Date(this.clock.now()).toISOString(), device };
      await repos.signIns.record(entry);
      const language = this.language?.();
      if (language) {
        const profile = await repos.profiles.get(credential.subscriberId, entry.at);
        if (profile.language !== language) await repos.profiles.save({ ...profile, language, updatedAt: entry.at });
      }
      // The notice is written with the sign-in's record: a sign-in is never on record without its letter.
      await queueMailNotice(repos, { lineId: credential.lineId }, { kind: 'new-sign-in', signInId: entry.id, way, device, at: entry.at }, { clock: this.clock, ids: this.ids });
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
