import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { queueMailNotice } from '../mail/mailNotices';
import type { MailLanguage } from '../mail/ports';
import type { LineCredential, SignInWay } from './ports';
import type { Session, SessionRegistry } from './sessions';

/** What the «new sign-in» letter needs: the line and its owner's profile. */
export interface SignInLetterData {
  line: Awaited<ReturnType<Repositories['account']['line']>>;
  profile: Awaited<ReturnType<Repositories['profiles']['ofLine']>>;
}

/** Reads what the letter needs by the number alone, so it can go beside the credential's own read. */
export async function readSignInLetterData(repos: Repositories, msisdn: E164, now: string): Promise<SignInLetterData> {
  const [line, profile] = await Promise.all([repos.account.lineOfNumber(msisdn), repos.profiles.ofNumber(msisdn, now)]);
  return { line, profile };
}

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

  /**
   * `alsoRecord`: what else the sign-in changes (a password's failure count cleared), in the same transaction.
   * `known`: the line and its owner's profile where the caller read them already (a password sign-in reads them beside
   * the credential): the transaction that records the sign-in then only writes — one round trip on a chain's store.
   */
  async open(
    credential: LineCredential,
    way: SignInWay,
    device: string,
    mustSetPassword: boolean,
    alsoRecord?: (repos: Repositories) => Promise<void>,
    known?: SignInLetterData,
  ): Promise<Session> {
    await this.uow.write(async (repos) => {
      await alsoRecord?.(repos);
      const entry = { id: this.ids.next('signin'), subscriberId: credential.subscriberId, lineId: credential.lineId, way, at: new Date(this.clock.now()).toISOString(), device };
      await repos.signIns.record(entry);
      // Read together (one round trip on the shared store): the profile for the language and the address, the line for the letter.
      const reuse = known?.line?.lineId === credential.lineId && known.profile?.subscriberId === credential.subscriberId;
      const [read, line] = reuse ? [known.profile!, known.line] : await Promise.all([repos.profiles.get(credential.subscriberId, entry.at), repos.account.line(credential.lineId)]);
      const language = this.language?.();
      let profile = read;
      if (language && profile.language !== language) {
        // The profile is saved whole: read it again in this transaction when it was read before the password check,
        // so a change made meanwhile (an address confirmed in another window) is not written over. Rare: the first
        // sign-in, or after the language was switched.
        const fresh = reuse ? await repos.profiles.get(credential.subscriberId, entry.at) : profile;
        profile = { ...fresh, language, updatedAt: entry.at };
        await repos.profiles.save(profile);
      }
      // The notice is written with the sign-in's record: a sign-in is never on record without its letter.
      await queueMailNotice(repos, { lineId: credential.lineId }, { kind: 'new-sign-in', signInId: entry.id, way, device, at: entry.at }, { clock: this.clock, ids: this.ids }, { line, profile });
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
