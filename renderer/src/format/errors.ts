import { formatRetryTime } from './regionZone';
import type { CabinetError } from '../../../shared/contract/errors';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The words a person sees for an error; the main side's message stays in the logs. `locale` formats times. */
export function errorText(error: CabinetError, t: Translate, locale?: string): string {
  const details = error.details ?? {};
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  const triesLeft = typeof details.triesLeft === 'number' ? details.triesLeft : undefined;
  switch (error.code) {
    case 'RATE_LIMITED':
      // The sign-in limits say when: a time reads better than thousands of seconds.
      if (typeof details.retryAt === 'string') return t('errors.rateLimitedUntil', { time: retryTime(details.retryAt, locale) });
      return t('errors.RATE_LIMITED', { seconds: Number(details.retryAfterSeconds ?? 60) });
    case 'STORE_UNAVAILABLE':
      // A lost connection to the chain's database says when to try again; the embedded store's answer does not.
      return typeof details.retryAfterSeconds === 'number' ? t('errors.storeUnreachable', { seconds: details.retryAfterSeconds }) : t('errors.STORE_UNAVAILABLE');
    case 'NOT_FOUND':
      return reason === 'not-a-subscriber' ? t('notSubscriber') : t('errors.NOT_FOUND');
    case 'NOT_ELIGIBLE':
      if (reason === 'not-registered') return t('notRegistered');
      if (reason === 'already-registered') return t('alreadyRegistered');
      if (reason === 'puk-disabled') return t('puk.disabled');
      return t('errors.NOT_ELIGIBLE');
    case 'NOT_CONFIGURED':
      return notConfiguredText(details.service, t);
    case 'SIM_BLOCKED':
      return t('blocked.sms');
    case 'OTP_INVALID':
      return triesLeft && triesLeft > 0 ? t('code.triesLeft', { n: triesLeft }) : t('code.noTriesLeft');
    case 'INVALID_CREDENTIALS':
      if (reason === 'wrong-puk') return triesLeft && triesLeft > 0 ? t('puk.triesLeft', { n: triesLeft }) : t('puk.disabled');
      return t('errors.INVALID_CREDENTIALS');
    case 'VALIDATION':
      if (typeof details.rule === 'string') return t(`setPassword.rule.${details.rule}`);
      if (reason === 'proof-expired') return t('setPassword.proofExpired');
      if (reason === 'current-password-needed') return t('setPassword.currentNeeded');
      return t('errors.VALIDATION');
    default:
      return t(`errors.${error.code}`);
  }
}

/** Field errors of a VALIDATION answer, by field name. */
export function fieldErrors(error: CabinetError): Record<string, string> {
  if (error.code !== 'VALIDATION' || !Array.isArray(error.details?.fields)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details.fields as Array<{ field: string; expected: string }>) out[issue.field] = issue.expected;
  return out;
}

const notConfiguredKeys: Record<string, string> = { sms: 'notConfigured.sms', 'card-payments': 'notConfigured.cardPayments', wallets: 'notConfigured.wallets', mail: 'notConfigured.mail' };

/** Which service is not set up on this computer, in plain words. */
function notConfiguredText(service: unknown, t: Translate): string {
  const key = typeof service === 'string' ? notConfiguredKeys[service] : undefined;
  return key ? t(key) : t('errors.NOT_CONFIGURED');
}

/** "14:05 МСК+4" today, "25 нояб., 00:00 МСК+4" on another day, in the region's zone (the computer's before sign-in), labelled. */
export function retryTime(iso: string, locale?: string, now = new Date()): string {
  return formatRetryTime(iso, locale ?? 'ru', now);
}
