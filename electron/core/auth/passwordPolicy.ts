import { dictionary } from '@zxcvbn-ts/language-common';
import type { E164 } from '../../../shared/phone';
import { DomainError } from '../errors';

/** The 49,000 most common passwords, from zxcvbn-ts's data package (shipped with the app). */
const commonPasswords = new Set((dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()));

export const MIN_PASSWORD_LENGTH = 8;

/** Which rule a refused password broke, for the renderer's words. */
export type PasswordRule = 'too-short' | 'phone-number' | 'common';

/** Refuses a password that is short, is the phone number, or is on the common-password list. */
export function requireAcceptablePassword(password: string, msisdn: E164): void {
  const reject = (rule: PasswordRule, expected: string) => {
    throw new DomainError('VALIDATION', `password: ${expected}`, { fields: [{ field: 'password', expected }], rule });
  };
  if ([...password].length < MIN_PASSWORD_LENGTH) reject('too-short', `a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const digits = password.replace(/\D/g, '');
  if (digits.length >= 10 && msisdn.endsWith(digits.slice(-10))) reject('phone-number', 'a password that is not the phone number');
  if (commonPasswords.has(password.toLowerCase())) reject('common', 'a password that is not one of the commonly used ones');
}
