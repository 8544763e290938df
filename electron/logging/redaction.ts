/**
 * What may not reach a log file: the middle digits of phone numbers, one-time and PUK codes (4–8 digits),
 * passwords and passphrases, card numbers (PAN, any formatting) and CVCs. Applied to every message and to
 * every structured field on the way to the file, whoever logged it.
 */

export const REDACTED = '[redacted]';

/** Field names whose value is secret whatever it looks like. */
const SECRET_KEY =
  /^(pass(word|phrase)?|pwd|new_?password|old_?password|current_?password|secret|token|access_?token|refresh_?token|id_?token|authorization|cookie|puk|pin|cvc2?|cvv2?|csc|pan|card_?number|card|otp|sms_?code|one_?time_?code|code_?verifier|client_?secret)$/i;

const SECRET_WORD = '(password|passphrase|passwd|pwd|secret|token|пароль|фраза-пароль|puk|пук|pin|cvc2?|cvv2?|csc)';

/** "password=…", "Пароль: …", "token=…" written inside a message: whatever follows the colon or equals sign. */
const SECRET_AFTER_COLON = new RegExp(`(?<![\\p{L}\\d])${SECRET_WORD}(["']?\\s*[:=]\\s*)(?:(["'])[^"']*\\3|[^\\s"',;]+)`, 'giu');

/** "PUK 41726305", "CVC 123", "пароль Sever-2026": a word with digits right after the secret's name. */
const SECRET_AFTER_SPACE = new RegExp(`(?<![\\p{L}\\d])${SECRET_WORD}(\\s+)()(?=[^\\s"',;]*\\d)[^\\s"',;]+`, 'giu');

/** 13–19 digits, grouped by single spaces or dashes: a PAN however it is written. */
const CARD_NUMBER = /(?<![\d*])\d(?:[ -]?\d){12,18}(?![\d*])/g;

/** A phone number: an optional +, country/trunk digit, then 10 digits in the usual groupings. */
const PHONE_NUMBER = /(?<![\d*+])(?:\+\d{1,3}[\s-]?|8[\s-]?)?\(?\d{3}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?![\d*])/g;

/**
 * A code standing alone: 4–8 digits not glued to letters or other digits, not part of a date, a time, a version
 * or a decimal, not the visible tail of a masked card, and not a quantity with its unit ("1520 ms", "5000 ₽").
 */
const STANDALONE_CODE =
  /(?<![\p{L}\d*.,:/_-]|\*[ -])\d{4,8}(?![\p{L}\d*/_-]|[.,:]\d|\s?(?:ms|мс|s|с|KB|MB|GB|КБ|МБ|ГБ|B|bytes|₽|руб|RUB|%)(?![\p{L}\d]))/gu;

/** Removes secrets from free text; see the module comment for what counts. */
export function redactText(text: string): string {
  return text
    .replace(SECRET_AFTER_COLON, hideSecretValue)
    .replace(SECRET_AFTER_SPACE, hideSecretValue)
    .replace(CARD_NUMBER, maskCardNumber)
    .replace(PHONE_NUMBER, maskPhoneNumber)
    .replace(STANDALONE_CODE, (digits) => '*'.repeat(digits.length));
}

/**
 * Removes secrets from anything a logger may be handed: strings, numbers, arrays, plain objects and errors.
 * Secret-named fields lose their whole value; other strings go through {@link redactText}. Never mutates its input.
 */
export function redactValue(value: unknown, key?: string, seen: WeakSet<object> = new WeakSet()): unknown {
  if (key !== undefined && SECRET_KEY.test(key) && value !== null && value !== undefined && value !== '') return REDACTED;
  if (typeof value === 'string') return redactText(value);
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A number is a secret by its name (above), or when it is as long as a card number and passes Luhn's check.
    const digits = String(value);
    return /^\d{13,19}$/.test(digits) && passesLuhn(digits) ? redactText(digits) : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message));
    copy.name = value.name;
    copy.stack = value.stack === undefined ? undefined : redactText(value.stack);
    return copy;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, undefined, seen));
  if (value instanceof Date) return value;
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, redactValue(item, name, seen)]));
}

function hideSecretValue(_match: string, word: string, separator: string, quote: string | undefined): string {
  return `${word}${separator}${quote ?? ''}${REDACTED}${quote ?? ''}`;
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Keeps the last four digits and the grouping: "4111 1111 1111 1111" → "**** **** **** 1111". */
function maskCardNumber(match: string): string {
  const digitCount = match.replace(/\D/g, '').length;
  let seen = 0;
  return match.replace(/\d/g, (digit) => (++seen > digitCount - 4 ? digit : '*'));
}

/**
 * Keeps the country and operator code and the last two digits, hides the rest, keeps the formatting:
 * "+7 (900) 123-45-67" → "+7 (900) ***-**-67", "89001234567" → "8900*****67".
 */
function maskPhoneNumber(match: string): string {
  const digitCount = match.replace(/\D/g, '').length;
  const keepFirst = digitCount - 7;
  let seen = 0;
  return match.replace(/\d/g, (digit) => {
    seen += 1;
    return seen <= keepFirst || seen > digitCount - 2 ? digit : '*';
  });
}
