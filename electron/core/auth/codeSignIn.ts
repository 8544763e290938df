import type { E164 } from '../../../shared/phone';
import { DomainError, requireConfigured } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { CodeDigits, OneTimeCodes } from './oneTimeCodes';
import type { CodePurpose, LineCredential, SignInWay, SmsGateway } from './ports';
import type { Session } from './sessions';
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
 */
export class CodeSignIn {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly codes: OneTimeCodes,
    private readonly sms: SmsGateway,
    private readonly recorder: SignInRecorder,
  ) {}

  async requestCode(msisdn: E164, purpose: CodePurpose): Promise<{ expiresAt: number; resendAvailableAt: number; codeLength: CodeDigits }> {
    requireConfigured(this.sms, 'sms');
    const { code, challenge } = await this.uow.write(async (repos) => {
      requireCodeMayBeSent(await repos.credentials.forNumber(msisdn), purpose);
      return this.codes.issue(repos, msisdn, purpose);
    });
    await this.sms.send(msisdn, smsText[purpose](code));
    return { expiresAt: challenge.expiresAt, resendAvailableAt: challenge.createdAt + 60_000, codeLength: this.codes.digits };
  }

  async signIn(msisdn: E164, purpose: CodePurpose, code: string, device: string): Promise<Session> {
    const outcome = await this.uow.write(async (repos) => {
      const credential = requireCodeMayBeSent(await repos.credentials.forNumber(msisdn), purpose);
      const refusal = await this.codes.redeem(repos, msisdn, purpose, code);
      if (refusal) return { refusal };
      // A recovery by SMS lifts the delay that wrong passwords put on the number.
      if (purpose !== 'sign-in') await repos.passwordFailures.clear(msisdn);
      return { credential };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    return this.recorder.open(outcome.credential, wayOf[purpose], device, purpose !== 'sign-in');
  }
}

function requireCodeMayBeSent(credential: LineCredential | null, purpose: CodePurpose): LineCredential {
  if (!credential) throw new DomainError('NOT_FOUND', 'this number is not a subscriber of the operator', { reason: 'not-a-subscriber' });
  if (credential.lineStatus === 'blocked') {
    throw new DomainError('SIM_BLOCKED', 'the SIM is blocked and receives no SMS; sign in with the password or the PUK', {
      alternatives: ['password', 'puk'],
    });
  }
  if (purpose === 'register' && credential.passwordHash !== null) {
    throw new DomainError('NOT_ELIGIBLE', 'this number is already registered; sign in or recover the password', { reason: 'already-registered' });
  }
  if (purpose === 'sign-in' && credential.passwordHash === null) {
    throw new DomainError('NOT_ELIGIBLE', 'this number is not registered yet; register first', { reason: 'not-registered' });
  }
  return credential;
}
