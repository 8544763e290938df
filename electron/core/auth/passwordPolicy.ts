import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import commonPasswordData from '../../../shared/password/commonPasswords.json' with { type: 'json' };
import { asEnglishKeys } from '../../../shared/password/keyboardLayout';
import { DomainError } from '../errors';

export const MIN_PASSWORD_LENGTH = 8;
/** zxcvbn's score (0 very weak … 4 strong) a new password must reach. */
export const MIN_PASSWORD_SCORE = 2;

/** Which rule a refused password broke, for the renderer's words. */
export type PasswordRule = 'too-short' | 'phone-number' | 'name' | 'common' | 'current-password' | 'too-weak';

/** What the policy knows about whose password it is. */
export interface PasswordOwner {
  /** Every number of the subscriber's profile. */
  numbers: string[];
  /** The subscriber's name as the operator has it, e.g. «Анна Сергеевна Петрова». */
  name: string;
  /** Whether the candidate is the password the subscriber has now (a slow hash check, so asked last). */
  isCurrent(password: string): Promise<boolean>;
}

/** Our Russian and English list, as typed on English keys, so that «gfhjkm» is «пароль». */
const ourWords = commonPasswordData.words.map(asEnglishKeys);
const ourList = new Set(ourWords);
/** zxcvbn-ts's 49,000 most common passwords (shipped with the app). */
const zxcvbnCommon = new Set((dictionary['passwords-common'] as string[]).map((password) => password.toLowerCase()));

let estimator: ZxcvbnFactory | null = null;
/** zxcvbn-ts with its common dictionaries and ours in both layouts; built once, on first use. */
function strengthEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, russianCommon: [...commonPasswordData.words, ...ourWords] },
    graphs: adjacencyGraphs,
  });
  return estimator;
}

const LOOK_ALIKES: Record<string, string> = { '@': 'a', '0': 'o', '1': 'i', '!': 'i', '3': 'e', $: 's', '5': 's', '4': 'a', '7': 't' };

/** «P@ssw0rd-2026» → «password»: the letters people dress a common word up with come off. */
function coreWord(password: string): string {
  const stripped = password.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  return asEnglishKeys([...stripped].map((character) => LOOK_ALIKES[character] ?? character).join(''));
}

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r',
  с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya',
};
const latinOf = (word: string) => [...word].map((character) => TRANSLIT[character] ?? character).join('');

/** The parts of a name a password might be made of, in the forms they might be typed: «Анна» → анна, fyyf, anna. */
function nameForms(name: string): string[] {
  const parts = name.toLowerCase().split(/[^\p{L}]+/u).filter((part) => [...part].length >= 3);
  return [...new Set(parts.flatMap((part) => [part, asEnglishKeys(part), latinOf(part)]))];
}

/**
 * Refuses a password that is short, holds one of the subscriber's numbers or names, is a common password (in
 * either keyboard layout, dressed up with digits or look-alikes), is the current password, or is weak by
 * zxcvbn-ts; each with its own rule and a sentence naming the field.
 */
export async function requireAcceptablePassword(password: string, owner: PasswordOwner, field = 'password'): Promise<void> {
  const reject = (rule: PasswordRule, expected: string): never => {
    throw new DomainError('VALIDATION', `${field}: ${expected}`, { fields: [{ field, expected }], rule });
  };
  if ([...password].length < MIN_PASSWORD_LENGTH) reject('too-short', `a password of at least ${MIN_PASSWORD_LENGTH} characters`);
  const digits = password.replace(/\D/g, '');
  if (owner.numbers.some((number) => digits.length >= 7 && digits.includes(number.slice(-7)))) {
    reject('phone-number', 'a password that holds none of your phone numbers');
  }
  const lowered = password.toLowerCase();
  const typed = [lowered, asEnglishKeys(lowered)];
  const names = nameForms(owner.name);
  if (names.some((form) => typed.some((text) => text.includes(form)))) reject('name', 'a password that holds neither your name nor your surname');
  if (zxcvbnCommon.has(lowered) || ourList.has(coreWord(password)) || ourList.has(asEnglishKeys(lowered))) {
    reject('common', 'a password that is not one of the commonly used ones');
  }
  const userInputs = [...owner.numbers, ...owner.numbers.map((number) => number.slice(2)), ...names];
  if (strengthEstimator().check(password, userInputs).score < MIN_PASSWORD_SCORE) reject('too-weak', 'a harder to guess password: longer, with unrelated words');
  if (await owner.isCurrent(password)) reject('current-password', 'a password other than the current one');
}
