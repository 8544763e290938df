import type { E164 } from '../../../shared/phone';
import { DomainError, requireConfigured } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { Logger } from '../logger';
import { THE_NUMBER_ITSELF, type CodeDigits, type OneTimeCodes } from './oneTimeCodes';
import type { CodePurpose, LineCredential, SignInWay, SmsGateway } from './ports';
import type { Session } from './sessions';
import type { SignInGuard } from './signInGuard';
import type { SignInRecorder } from './signInRecorder';

const wayOf: Record<CodePurpose, SignInWay> = { 'sign-in': 'code', register: 'registration', recover: 'recovery' };

const smsText: Record<CodePurpose, (code: string) => string> = {
  'sign-in': (code) => `Код для входа в личный кабинет: ${code}. Никому его не сообщайте.`,
  register: (code) => `Код для регистрации в личном кабинете: ${code}. Никому его не сообщайте.`,
  recover: (code) => `Код для восстановления пароля: ${code}. Никому его не сообщайте.`,
};

/**
 * The SMS ways in: a one-time code signs in («Вход по коду»), registers a number that has no
 * password yet, or recovers a forgotten password; the last two then ask for a new password.
 *
 * Before sign-in nobody may learn whether a number is ours: every number gets the same answer, "a code was sent"
 * with the same length and times, after the same checks, writes and one hash; only a number that may use the way
 * in gets the SMS. A code tried for any other number is wrong, as a wrong code for a subscriber is.
 */
export class CodeSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly codes: OneTimeCodes,
    private readonly sms: SmsGateway,
    private readonly recorder: SignInRecorder,
    private readonly guard: SignInGuard,
    private readonly logger: Logger,
  ) {}

  async requestCode(msisdn: E164, purpose: CodePurpose, device: string): Promise<{ expiresAt: number; resendAvailableAt: number; codeLength: CodeDigits }> {
    requireConfigured(this.sms, 'sms');
    const { code, challenge, deliver } = await this.uow.write(async (repos) => {
      await this.guard.admitMessage(repos, msisdn, device);
      const deliver = mayUse(await repos.credentials.forNumber(msisdn), purpose);
      return { ...(await this.codes.issue(repos, msisdn, purpose, THE_NUMBER_ITSELF, deliver)), deliver };
    });
    // Not awaited: how long the SMS centre takes must not tell a served number from another.
    if (deliver) {
      this.sms.send(msisdn, smsText[purpose](code)).catch((error: unknown) => this.logger.error('an SMS code could not be sent', { purpose, error: String(error) }));
    }
    return { expiresAt: challenge.expiresAt, resendAvailableAt: challenge.createdAt + 60_000, codeLength: this.codes.digits };
  }

  async signIn(msisdn: E164, purpose: CodePurpose, code: string, device: string): Promise<Session> {
    const outcome = await this.uow.write(async (repos) => {
      await this.guard.admitVerify(repos, msisdn, device);
      const credential = await repos.credentials.forNumber(msisdn);
      const refusal = await this.codes.redeem(repos, msisdn, purpose, code);
      if (refusal) return { refusal };
      // A right code whose number changed since it was sent (blocked, registered by then): it is spent, and says so.
      if (!mayUse(credential, purpose)) return { refusal: new DomainError('OTP_EXPIRED', 'this code no longer works; ask for a new one') };
      // A recovery by SMS lifts the delay that wrong passwords put on the number.
      if (purpose !== 'sign-in') await repos.passwordFailures.clear(msisdn);
      return { credential };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    return this.recorder.open(outcome.credential, wayOf[purpose], device, purpose !== 'sign-in');
  }
}

/** Whether the number may use this way in: ours, not blocked, registered for a sign-in and not for a registration. */
function mayUse(credential: LineCredential | null, purpose: CodePurpose): credential is LineCredential {
  if (!credential || credential.lineStatus === 'blocked') return false;
  if (purpose === 'register') return credential.passwordHash === null;
  if (purpose === 'sign-in') return credential.passwordHash !== null;
  return true;
}
