import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
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

  /** `alsoRecord`: what else the sign-in changes (a password's failure count cleared), in the same transaction. */
  async open(credential: LineCredential, way: SignInWay, device: string, mustSetPassword: boolean, alsoRecord?: (repos: Repositories) => Promise<void>): Promise<Session> {
    await this.uow.write(async (repos) => {
      await alsoRecord?.(repos);
      const entry = { id: this.ids.next('signin'), subscriberId: credential.subscriberId, lineId: credential.lineId, way, at: new Date(this.clock.now()).toISOString(), device };
      await repos.signIns.record(entry);
      // Read together (one round trip on the shared store): the profile for the language and the address, the line for the letter.
      const [profile, line] = await Promise.all([repos.profiles.get(credential.subscriberId, entry.at), repos.account.line(credential.lineId)]);
      const language = this.language?.();
      const current = language && profile.language !== language ? { ...profile, language, updatedAt: entry.at } : profile;
      if (current !== profile) await repos.profiles.save(current);
      // The notice is written with the sign-in's record: a sign-in is never on record without its letter.
      await queueMailNotice(repos, { lineId: credential.lineId }, { kind: 'new-sign-in', signInId: entry.id, way, device, at: entry.at }, { clock: this.clock, ids: this.ids }, { line, profile: current });
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
