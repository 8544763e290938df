/**
 * What may not reach a log file: the middle digits of phone numbers (+7, 8, 7 or none, any grouping, brackets,
 * percent-encoded), one-time and PUK codes (4–8 digits, alone or next to a code word in Russian or English),
 * passwords and passphrases ("password is X", «пароль X», "password: X"), card numbers (PAN, any separators)
 * and CVCs. Applied to every message and to every structured field on the way to the file, whoever logged it;
 * fields are judged by name too, numbers included ({"msisdn": 79001234567}, {"code": 1234}).
 * Property-tested in tests/unit/desktop/redactionProperties.test.ts.
 */

export const REDACTED = '[redacted]';

/** Field names whose value is secret whatever it looks like. */
const SECRET_KEY =
  /^(pass(word|phrase)?|pwd|new_?password|old_?password|current_?password|secret|token|access_?token|refresh_?token|id_?token|authorization|cookie|puk|pin|cvc2?|cvv2?|csc|pan|card_?number|card|otp|sms_?code|one_?time_?code|code_?verifier|client_?secret)$/i;

/** Field names of a code: secret when the value is digits (a number or a digit string); "code": "ENOENT" stays. */
const CODE_KEY = /^(?:(?:sms|otp|confirmation|verification|one_?time|auth|login|sign_?in|puk|pin|security)_?)?code$/i;

/** Field names of a phone number: a number value is masked like a phone written in text. */
const PHONE_KEY = /^(?:msisdn|phone(?:_?number)?|tel(?:ephone)?|mobile|recipient|counterparty|sender|number|to|from|login)$/i;

const PASSWORD_WORD = '(password|passphrase|passwd|pwd|пароль|пароля|паролем|парольная\\s+фраза|фраза-пароль)';
const SECRET_WORD = '(password|passphrase|passwd|pwd|secret|token|пароль|фраза-пароль|puk|пук|pin|пин|cvc2?|cvv2?|csc)';
/**
 * What a secret's value looks like after its name: quoted (any quotes; at most 256 characters are looked at, so
 * an unclosed quote costs a bounded scan, never one to the end of the line per occurrence) or one run of
 * non-space characters.
 */
const VALUE = '(["\'«][^"\'«»]{0,256}["\'»]?|[^\\s"\'«»]+)';

/**
 * "password is X", "password was X", «пароль X», "пароль — X", "password: X", "password=X": the value after a
 * password's name, whatever it is, unless it is an ordinary word ("the password was changed").
 */
const PASSWORD_VALUE = new RegExp(
  `(?<![\\p{L}\\d])${PASSWORD_WORD}(?![\\p{L}\\d_])(["']?)((?:\\s+(?:is|was|равен|это)(?![\\p{L}\\d]))?\\s*[:=—–-]?\\s*)${VALUE}`,
  'giu',
);

/** Words that follow a password's name in ordinary sentences; the value rule leaves them alone (a password that is one of these words is not hidden). */
export const ORDINARY_AFTER_PASSWORD: ReadonlySet<string> = new Set(
  (
    'is was has have had will must should can cannot could does did not no and or for to of the a an in on at by with from field ' +
    'reset changed change set expired expires incorrect wrong invalid required hash hashes hashed policy length strength too rules ' +
    'sign-in login check mismatch ok updated saved accepted rejected entered attempt attempts again also been being ' +
    'не был была было будет изменён изменен изменена сменён сменен установлен сброшен неверный неверен верный для от к и или в на с ' +
    'по из должен слишком успешно обновлён обновлен задан принят введён введен короткий пустой поле уже ещё еще теперь нужен'
  ).split(' '),
);

/** "token=…", "CVV2: …" written inside a message: whatever follows the colon or equals sign. */
const SECRET_AFTER_COLON = new RegExp(`(?<![\\p{L}\\d])${SECRET_WORD}(["']?\\s*[:=]\\s*)(?:(["'])[^"']*\\3|[^\\s"'«»,;]+)`, 'giu');

/** "PUK 41726305", "CVC 123": a word with digits right after the secret's name. */
const SECRET_AFTER_SPACE = new RegExp(`(?<![\\p{L}\\d])${SECRET_WORD}(\\s+)()(?=[^\\s"',;]*\\d)[^\\s"',;]+`, 'giu');

/** A code word, then within a few non-letters the 4–8 digits: "код:1234", "code is 1234", "код подтверждения «1234»". */
const CODE_AFTER_WORD =
  /(?<!\p{L})((?:код\p{L}*|codes?|otp|пин|pin)(?:\s+(?:подтверждения|из\s+(?:sms|смс)|is|was|для\s+входа))?[^\p{L}\d]{0,4})(\d{4,8})(?!\d)/giu;

/** 4–8 digits and then a code word: "1234 — ваш код", "1234 is your code". */
const CODE_BEFORE_WORD = /(?<![\d*])\d{4,8}(?!\d)(?=[^\p{L}\d]{0,4}(?:(?:is\s+)?(?:your|ваш)\s+)?(?:code|код))/giu;

/** 13–19 digits, grouped by spaces, dashes, dots, underscores or slashes (up to three between groups): a PAN however it is written. */
const CARD_NUMBER = /(?<![\d*])\d(?:[\s.\-_/]{0,3}\d){12,18}(?![\d*])/g;

/**
 * A phone number: an optional "+country", or a bare 7 or 8 trunk digit, then 10 digits in the usual groupings,
 * separated by spaces, dashes or dots, the operator code in brackets or not.
 */
const PHONE_NUMBER = /(?<![\d*+])(?:\+\s?\d{1,3}|[78])?[\s.-]{0,2}\(?\s?\d{3}\s?\)?[\s.-]{0,2}\d{3}[\s.-]{0,2}\d{2}[\s.-]{0,2}\d{2}(?![\d*])/g;

/**
 * A code standing alone: 4–8 digits not glued to letters or other digits, not part of a date, a time, a version
 * or a decimal, not the visible tail of a masked card, and not a quantity with its unit ("1520 ms", "5000 ₽").
 */
const STANDALONE_CODE =
  /(?<![\p{L}\d*.,:/_-]|\*[ -])\d{4,8}(?![\p{L}\d*/_-]|[.,:]\d|\s?(?:ms|мс|s|с|KB|MB|GB|КБ|МБ|ГБ|B|bytes|₽|руб|RUB|%)(?![\p{L}\d]))/gu;

/** A run of non-space characters holding a percent-escape ("%2B7900…", "4111%201111…"). */
const PERCENT_ENCODED = /(?<!\S)\S*?%[0-9A-Fa-f]{2}\S*/g; // starts only where a run starts: linear, not quadratic

/** Removes secrets from free text; see the module comment for what counts. */
export function redactText(text: string): string {
  return redactPlain(text.replace(PERCENT_ENCODED, (token) => {
    // A URL or form value: judged decoded. If it holds a secret, the log gets the decoded, redacted form.
    const decoded = percentDecode(token);
    const redacted = redactPlain(decoded);
    return redacted === decoded ? token : redacted;
  }));
}

function redactPlain(text: string): string {
  return text
    .replace(PASSWORD_VALUE, hidePassword)
    .replace(SECRET_AFTER_COLON, hideSecretValue)
    .replace(SECRET_AFTER_SPACE, hideSecretValue)
    .replace(CODE_AFTER_WORD, (_match, before: string, digits: string) => before + '*'.repeat(digits.length))
    .replace(CODE_BEFORE_WORD, (digits) => '*'.repeat(digits.length))
    .replace(CARD_NUMBER, maskCardNumber)
    .replace(PHONE_NUMBER, maskPhoneNumber)
    .replace(STANDALONE_CODE, (digits) => '*'.repeat(digits.length));
}

/**
 * Removes secrets from anything a logger may be handed: strings, numbers, arrays, plain objects and errors.
 * Secret-named fields lose their whole value, code-named fields too when they hold digits, phone-named
 * numbers are masked; other strings go through {@link redactText}. Never mutates its input.
 */
export function redactValue(value: unknown, key?: string, seen: WeakSet<object> = new WeakSet()): unknown {
  if (key !== undefined && SECRET_KEY.test(key) && value !== null && value !== undefined && value !== '') return REDACTED;
  if (key !== undefined && CODE_KEY.test(key) && isDigits(value)) return REDACTED;
  if (typeof value === 'string') {
    const text = redactText(value);
    // A phone field written in a way no pattern knows still loses its middle digits.
    return key !== undefined && PHONE_KEY.test(key) && text === value && /^\D*(?:\d\D*){10,15}$/.test(value) ? maskPhoneNumber(value) : text;
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    const digits = String(value);
    // A card number by length and Luhn's check; a phone number by its field's name or a Russian number's shape.
    if (/^\d{13,19}$/.test(digits) && passesLuhn(digits)) return redactText(digits);
    if (/^\d{10,15}$/.test(digits) && ((key !== undefined && PHONE_KEY.test(key)) || /^(?:[78]\d{10}|9\d{9})$/.test(digits))) return maskPhoneNumber(digits);
    return value;
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

function isDigits(value: unknown): boolean {
  if (typeof value === 'number' || typeof value === 'bigint') return true;
  return typeof value === 'string' && /^\s*\d(?:[\s-]?\d){2,}\s*$/.test(value);
}

function percentDecode(token: string): string {
  try {
    return decodeURIComponent(token);
  } catch {
    return token.replace(/%([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

function hidePassword(match: string, word: string, quote: string, connector: string, value: string): string {
  if (connector === '' && quote === '') return match;
  if (value.includes(REDACTED)) return match;
  const quoted = /^["'«]/.test(value);
  // An ordinary word after the name, with no colon or equals sign, is a sentence, not a value.
  if (!quoted && !/[:=]/.test(connector) && ORDINARY_AFTER_PASSWORD.has(value.toLowerCase())) return match;
  const closing = quoted && value.length > 1 && /["'»]$/.test(value) ? value.at(-1)! : '';
  const hidden = quoted ? `${value[0]}${REDACTED}${closing}` : REDACTED;
  return `${word}${quote}${connector}${hidden}`;
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
