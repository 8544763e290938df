import type { SocialProvider } from '../auth/model';
import type { E164 } from '../../../shared/phone';
import type { OneTimeCodes } from '../auth/oneTimeCodes';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { DomainError, requireConfigured } from '../errors';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import type { EmailGateway, NotificationPreferences, ProfileRecord } from './ports';
import type { MailLanguage } from '../mail/ports';

export interface ProfileView {
  name: string;
  email: string | null;
  emailConfirmed: boolean;
  pendingEmail: string | null;
  contactAddress: string;
  notifications: NotificationPreferences;
  socialLinks: Array<{ provider: SocialProvider; linkedAt: string }>;
}

/**
 * «Профиль и настройки»: the subscriber's name, contacts and what to be told about. An e-mail counts only once
 * the code sent to it comes back: until then it waits as `pendingEmail` and notifications do not go there.
 */
export class ProfileSettings {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly codes: OneTimeCodes,
    private readonly mail: EmailGateway,
    private readonly clock: Clock,
  ) {}

  async get(session: Session): Promise<ProfileView> {
    return this.uow.read((repos) => this.view(repos, session.subscriberId));
  }

  async update(session: Session, change: { name?: string | undefined; contactAddress?: string | undefined }): Promise<ProfileView> {
    const view = await this.uow.write(async (repos) => {
      if (change.name !== undefined) await repos.profiles.rename(session.subscriberId, change.name);
      if (change.contactAddress !== undefined) {
        const record = await repos.profiles.get(session.subscriberId, this.now());
        await repos.profiles.save({ ...record, contactAddress: change.contactAddress, updatedAt: this.now() });
      }
      return this.view(repos, session.subscriberId);
    });
    session.subscriberName = view.name;
    return view;
  }

  /** Sends a code to the new address; the address becomes the profile's once the code comes back. */
  async requestEmail(session: Session, email: string): Promise<{ expiresAt: number }> {
    requireConfigured(this.mail, 'mail');
    const issued = await this.uow.write(async (repos) => {
      const record = await repos.profiles.get(session.subscriberId, this.now());
      if (record.email === email && record.emailConfirmedAt) {
        throw new DomainError('VALIDATION', 'email: an address other than the confirmed one', { fields: [{ field: 'email', expected: 'an address other than the confirmed one' }], reason: 'already-confirmed' });
      }
      const issued = await this.codes.issue(repos, await ownNumber(repos, session), 'email', { id: session.subscriberId, terms: email });
      await repos.profiles.save({ ...record, pendingEmail: email, updatedAt: this.now() });
      return issued;
    });
    await this.mail.sendMail(
      email,
      'Подтверждение адреса в личном кабинете',
      `Здравствуйте! Код подтверждения адреса ${email} для профиля «${session.subscriberName}»: ${issued.code}. Введите его в разделе «Профиль и настройки». Код действует 10 минут. Если это были не вы — просто удалите письмо.`,
    );
    return { expiresAt: issued.challenge.expiresAt };
  }

  async confirmEmail(session: Session, code: string): Promise<ProfileView> {
    const outcome = await this.uow.write(async (repos) => {
      const record = await repos.profiles.get(session.subscriberId, this.now());
      if (!record.pendingEmail) return new DomainError('NOT_ELIGIBLE', 'no address is waiting for confirmation; enter an e-mail first', { reason: 'nothing-pending' });
      // The code confirms the address it was sent to, for this profile.
      const refused = await this.codes.redeem(repos, await ownNumber(repos, session), 'email', code, { id: session.subscriberId, terms: record.pendingEmail });
      if (refused) return refused;
      await repos.profiles.save({ ...record, email: record.pendingEmail, emailConfirmedAt: this.now(), pendingEmail: null, updatedAt: this.now() });
      return this.view(repos, session.subscriberId);
    });
    if (outcome instanceof DomainError) throw outcome;
    return outcome;
  }

  /** The language the subscriber now uses the cabinet in: their letters are written in it. */
  async setLanguage(subscriberId: string, language: MailLanguage): Promise<void> {
    await this.uow.write(async (repos) => {
      const record = await repos.profiles.get(subscriberId, this.now());
      if (record.language !== language) await repos.profiles.save({ ...record, language, updatedAt: this.now() });
    });
  }

  async setNotifications(session: Session, notifications: NotificationPreferences): Promise<ProfileView> {
    return this.uow.write(async (repos) => {
      const record: ProfileRecord = await repos.profiles.get(session.subscriberId, this.now());
      await repos.profiles.save({ ...record, notifications, updatedAt: this.now() });
      return this.view(repos, session.subscriberId);
    });
  }

  async unlinkSocial(session: Session, provider: SocialProvider): Promise<ProfileView> {
    return this.uow.write(async (repos) => {
      if (!(await repos.socialIdentities.unlink(session.subscriberId, provider))) {
        throw new DomainError('NOT_FOUND', `no ${provider} account is linked to this profile`);
      }
      return this.view(repos, session.subscriberId);
    });
  }

  private async view(repos: Repositories, subscriberId: string): Promise<ProfileView> {
    const record = await repos.profiles.get(subscriberId, this.now());
    const own = (await repos.profileLines.numbersOf(subscriberId)).find((number) => number.relation === 'own');
    const credential = own ? await repos.credentials.forLineId(own.lineId) : null;
    const links = await repos.socialIdentities.ofSubscriber(subscriberId);
    return {
      name: credential?.subscriberName ?? '',
      email: record.emailConfirmedAt ? record.email : null,
      emailConfirmed: record.emailConfirmedAt !== null,
      pendingEmail: record.pendingEmail,
      contactAddress: record.contactAddress,
      notifications: record.notifications,
      socialLinks: links.map((link) => ({ provider: link.provider, linkedAt: link.linkedAt })),
    };
  }

  private now(): string {
    return new Date(this.clock.now()).toISOString();
  }
}

/** Codes for the profile are counted against its own first number, whatever number the window looks at. */
async function ownNumber(repos: Repositories, session: Session): Promise<E164> {
  const own = (await repos.profileLines.numbersOf(session.subscriberId)).find((number) => number.relation === 'own');
  return (own?.msisdn ?? session.msisdn) as E164;
}
