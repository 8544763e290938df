import type { ProfileNumberView } from './model';
import type { E164 } from '../../../shared/phone';
import type { CodeSubject, OneTimeCodes } from '../auth/oneTimeCodes';
import type { SmsGateway } from '../auth/ports';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { DomainError, requireConfigured } from '../errors';
import type { UnitOfWork } from '../unitOfWork';

/**
 * Several numbers in one profile: the subscriber's own lines, and other numbers attached by a code sent to
 * *that* number — proof that the person holds it. A window looks at one of them at a time and may switch
 * without signing in again; a number that is not in the profile is FORBIDDEN, whatever the call.
 */
export class ProfileNumbers {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly codes: OneTimeCodes,
    private readonly sms: SmsGateway,
    private readonly clock: Clock,
    private readonly maxNumbers: number,
  ) {}

  async list(session: Session): Promise<ProfileNumberView[]> {
    return this.uow.read(async (repos) => {
      const numbers = await repos.profileLines.numbersOf(session.subscriberId);
      return Promise.all(
        numbers.map(async (number) => {
          const [line, balanceKopecks] = await Promise.all([repos.account.line(number.lineId), repos.account.balanceKopecks(number.lineId)]);
          return {
            msisdn: number.msisdn,
            ownerName: number.ownerName,
            relation: number.relation,
            current: number.lineId === session.lineId,
            tariffName: line!.tariff.name,
            balanceKopecks,
            status: line!.status,
          };
        }),
      );
    });
  }

  /** Sends a code to the number to attach; the person reads it on that phone. */
  async requestAttach(session: Session, msisdn: E164): Promise<{ expiresAt: number }> {
    requireConfigured(this.sms, 'sms');
    const issued = await this.uow.write(async (repos) => {
      const numbers = await repos.profileLines.numbersOf(session.subscriberId);
      if (numbers.some((number) => number.msisdn === msisdn)) {
        throw new DomainError('VALIDATION', 'msisdn: a number that is not in the profile yet', { fields: [{ field: 'msisdn', expected: 'a number that is not in the profile yet' }], reason: 'already-attached' });
      }
      if (numbers.length >= this.maxNumbers) {
        throw new DomainError('NOT_ELIGIBLE', `a profile holds at most ${this.maxNumbers} numbers`, { reason: 'too-many-numbers', max: this.maxNumbers });
      }
      const credential = await repos.credentials.forNumber(msisdn);
      if (!credential) throw new DomainError('VALIDATION', 'msisdn: a number of this operator', { fields: [{ field: 'msisdn', expected: 'a number of this operator' }], reason: 'not-a-subscriber' });
      if (credential.lineStatus === 'blocked') throw new DomainError('SIM_BLOCKED', 'the SIM of that number is blocked and receives no SMS');
      return this.codes.issue(repos, msisdn, 'attach', attachSubject(session));
    });
    await this.sms.send(msisdn, `Код для привязки номера к профилю «${session.subscriberName}» в личном кабинете: ${issued.code}. Если это не вы — не сообщайте код никому.`);
    return { expiresAt: issued.challenge.expiresAt };
  }

  async confirmAttach(session: Session, msisdn: E164, code: string): Promise<ProfileNumberView[]> {
    const refusal = await this.uow.write(async (repos) => {
      const refused = await this.codes.redeem(repos, msisdn, 'attach', code, attachSubject(session));
      if (refused) return refused;
      const credential = await repos.credentials.forNumber(msisdn);
      if (!credential) return new DomainError('NOT_FOUND', 'no such number');
      await repos.profileLines.attach(session.subscriberId, credential.lineId, new Date(this.clock.now()).toISOString());
      return null;
    });
    if (refusal) throw refusal;
    return this.list(session);
  }

  /** Points the window at another number of the profile. */
  async switchTo(session: Session, msisdn: E164): Promise<void> {
    const target = await this.requireInProfile(session, msisdn);
    session.lineId = target.lineId;
    session.msisdn = msisdn;
  }

  /**
   * Detaches an attached number; the profile's own lines stay. Every window of the profile looking at it
   * (`sessions`: the subscriber's live sessions) goes back to the first own line: none keeps access to it.
   */
  async detach(session: Session, msisdn: E164, sessions: Session[] = [session]): Promise<ProfileNumberView[]> {
    const target = await this.requireInProfile(session, msisdn);
    if (target.relation === 'own') {
      throw new DomainError('NOT_ELIGIBLE', 'the profile’s own numbers cannot be detached', { reason: 'own-number' });
    }
    await this.uow.write((repos) => repos.profileLines.detach(session.subscriberId, target.lineId));
    const own = (await this.uow.read((repos) => repos.profileLines.numbersOf(session.subscriberId))).find((number) => number.relation === 'own')!;
    for (const looking of [session, ...sessions]) {
      if (looking.subscriberId !== session.subscriberId || looking.lineId !== target.lineId) continue;
      looking.lineId = own.lineId;
      looking.msisdn = own.msisdn as E164;
    }
    return this.list(session);
  }

  private async requireInProfile(session: Session, msisdn: E164) {
    const found = (await this.uow.read((repos) => repos.profileLines.numbersOf(session.subscriberId))).find((number) => number.msisdn === msisdn);
    if (!found) throw new DomainError('FORBIDDEN', 'this number is not in your profile');
    return found;
  }
}

/** An attach code attaches the number to the profile that asked for it, not to another one. */
function attachSubject(session: Session): CodeSubject {
  return { id: session.subscriberId, terms: '' };
}
