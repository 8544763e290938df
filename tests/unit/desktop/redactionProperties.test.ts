import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORDINARY_AFTER_PASSWORD, REDACTED, redactText, redactValue } from '../../../electron/logging/redaction';

/** A log line as the file gets it: the message and its fields, redacted, then serialised. */
const logLine = (message: string, fields?: unknown) => `${redactText(message)} ${fields === undefined ? '' : JSON.stringify(redactValue(fields))}`;
const digitsOf = (text: string) => text.replace(/\D/g, '');
/** Text around a secret: letters, punctuation and spaces, never digits (so every digit in the line is the secret's). */
const noise = fc.string({ maxLength: 10, unit: fc.constantFrom(...'abcxyz абвгд.,;:!?()[]{}"\'=&/-_ \t'.split('')) });

describe('log redaction, as the issue 18 finding 4 cases', () => {
  it('the cases the review found: percent-encoded and bare numbers, numeric fields, код:1234, dotted cards, "password is X"', () => {
    expect(digitsOf(logLine('GET /sms?to=%2B79001234567&text=hi'))).not.toContain('9001234567');
    expect(digitsOf(logLine('sent to 79001234567'))).not.toContain('9001234567');
    expect(logLine('x', { msisdn: 79001234567 })).not.toContain('79001234567');
    expect(logLine('x', { code: 1234 })).not.toContain('1234');
    expect(logLine('x', { smsCode: '4821' })).not.toContain('4821');
    expect(logLine('{"msisdn":79001234567,"code":1234}')).not.toMatch(/79001234567|1234/);
    expect(logLine('код:1234')).not.toContain('1234');
    expect(logLine('card 4111.1111.1111.1111')).not.toContain('4111.1111.1111');
    expect(digitsOf(logLine('card 4111.1111.1111.1111'))).toBe('1111');
    expect(logLine('the password is hunter')).not.toContain('hunter');
    expect(logLine('«пароль Север»')).not.toContain('Север');
    // Not everything is a secret: an error code field, a count, a timestamp stay readable.
    expect(redactValue({ code: 'ENOENT', count: 5, at: 1764033000000 })).toEqual({ code: 'ENOENT', count: 5, at: 1764033000000 });
    expect(redactText('the password was changed')).toBe('the password was changed');
  });

  it('a phone number in any notation never appears whole: at least five of its digits are hidden (property)', () => {
    const groups = (d: string, a: string, b: string, c: string) => `${d.slice(0, 3)}${a}${d.slice(3, 6)}${b}${d.slice(6, 8)}${c}${d.slice(8)}`;
    const notations = [
      (d: string) => `+7${d}`,
      (d: string) => `8${d}`,
      (d: string) => `7${d}`,
      (d: string) => d,
      (d: string) => `+7 (${d.slice(0, 3)}) ${groups(d, '', '-', '-').slice(3)}`,
      (d: string) => `+7(${d.slice(0, 3)})${groups(d, '', '-', '-').slice(3)}`,
      (d: string) => `8 ${groups(d, ' ', ' ', ' ')}`,
      (d: string) => `8-${groups(d, '-', '-', '-')}`,
      (d: string) => `7 ${groups(d, ' ', ' ', ' ')}`,
      (d: string) => `8 (${d.slice(0, 3)}) ${groups(d, '', ' ', ' ').slice(3)}`,
      (d: string) => `+7.${groups(d, '.', '.', '.')}`,
      (d: string) => `%2B7${d}`,
      (d: string) => `%2b7%20${groups(d, '%20', '%20', '%20')}`,
      (d: string) => `+7%20(${d.slice(0, 3)})%20${groups(d, '', '-', '-').slice(3)}`,
    ];
    const contexts = [
      (n: string, a: string, b: string) => `${a}${n}${b}`,
      (n: string, a: string) => `{"msisdn":"${n}","note":"${a}"}`,
      (n: string, a: string) => `phone=${n}&x=${a}`,
      (n: string, a: string, b: string) => `${a} номер:${n}. ${b}`,
    ];
    fc.assert(
      fc.property(
        fc.stringMatching(/^9\d{9}$/),
        fc.nat(notations.length - 1),
        fc.nat(contexts.length - 1),
        noise,
        noise,
        (digits, notation, context, before, after) => {
          const written = notations[notation]!(digits);
          const line = logLine(contexts[context]!(written, before, after));
          expect(digitsOf(line)).not.toContain(digits);
          const shownDigits = digitsOf(line).length;
          const writtenDigits = digitsOf(written.replace(/%[0-9a-f]{2}/gi, '')).length;
          expect(shownDigits).toBeLessThanOrEqual(writtenDigits - 5);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a 4–8-digit code next to a code word, in Russian or English, never appears (property)', () => {
    const words = ['код', 'Код', 'КОД', 'кода', 'code', 'Code', 'CODE', 'SMS code', 'код подтверждения', 'one-time code', 'verification code', 'код из SMS'];
    const layouts = [
      (w: string, c: string) => `${w} ${c}`,
      (w: string, c: string) => `${w}:${c}`,
      (w: string, c: string) => `${w}: ${c}`,
      (w: string, c: string) => `${w}=${c}`,
      (w: string, c: string) => `${w} - ${c}`,
      (w: string, c: string) => `${w} — ${c}`,
      (w: string, c: string) => `${w} is ${c}`,
      (w: string, c: string) => `"${w}":"${c}"`,
      (w: string, c: string) => `"${w}":${c}`,
      (w: string, c: string) => `${w} «${c}»`,
      (w: string, c: string) => `${w}_${c}`,
      (w: string, c: string) => `${c} — ваш ${w}`,
      (w: string, c: string) => `${c} is your ${w}`,
      (w: string, c: string) => `${w} ${c} с`,
      (w: string, c: string) => `${w} ${c}ms`,
    ];
    fc.assert(
      fc.property(fc.stringMatching(/^\d{4,8}$/), fc.constantFrom(...words), fc.nat(layouts.length - 1), noise, noise, (code, word, layout, before, after) => {
        const line = logLine(`${before} ${layouts[layout]!(word, code)} ${after}`);
        expect(line).not.toContain(code);
      }),
      { numRuns: 500 },
    );
  });

  it('a card number with any separators shows at most its last four digits (property)', () => {
    const separators = ['', ' ', '-', '.', '_', '/', '  ', ' - ', '%20', '\u00a0'];
    fc.assert(
      fc.property(
        fc.stringMatching(/^[2-6]\d{15}$/),
        fc.constantFrom(...separators),
        fc.constantFrom('4-4-4-4', '4-6-6', '16'),
        noise,
        noise,
        (pan, separator, grouping, before, after) => {
          const sizes = grouping.split('-').map(Number);
          let at = 0;
          const written = sizes.map((size) => pan.slice(at, (at += size))).join(separator);
          const line = logLine(`${before} оплата картой ${written} ${after}`);
          const shown = digitsOf(line.replace(/%20/g, ''));
          expect(pan.slice(12).endsWith(shown)).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a password or пароль value never appears, however it is introduced (property)', () => {
    const layouts = [
      (v: string) => `password is ${v}`,
      (v: string) => `the new password is "${v}"`,
      (v: string) => `password: ${v}`,
      (v: string) => `password=${v}`,
      (v: string) => `"password":"${v}"`,
      (v: string) => `пароль ${v}`,
      (v: string) => `«пароль ${v}»`,
      (v: string) => `Пароль: ${v}`,
      (v: string) => `пароль — ${v}`,
      (v: string) => `ваш пароль «${v}»`,
      (v: string) => `passphrase ${v}`,
      (v: string) => `password was ${v}`,
    ];
    const unit = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZабвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗ0123456789!#$%&*+-./:;<=>?@^_~,'.split(''));
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 20, unit }), fc.nat(layouts.length - 1), noise, (value, layout, before) => {
        const template = layouts[layout]!('\u0000');
        fc.pre(!template.includes(value) && !before.includes(value) && !REDACTED.includes(value) && !ORDINARY_AFTER_PASSWORD.has(value.toLowerCase()));
        const line = logLine(`${before} ${layouts[layout]!(value)}`);
        expect(line).not.toContain(value);
      }),
      { numRuns: 500 },
    );
  });

  it('structured fields are redacted by name, numbers included (property)', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^9\d{9}$/),
        fc.integer({ min: 1000, max: 99_999_999 }),
        fc.constantFrom('msisdn', 'phone', 'phoneNumber', 'recipient', 'counterparty'),
        fc.constantFrom('code', 'smsCode', 'otp', 'otpCode', 'confirmationCode', 'puk', 'pin'),
        fc.boolean(),
        (digits, code, phoneField, codeField, asNumbers) => {
          const phone = asNumbers ? Number(`7${digits}`) : `7${digits}`;
          const fields = redactValue({ [phoneField]: phone, nested: { [codeField]: asNumbers ? code : String(code) } }) as Record<string, unknown>;
          expect(digitsOf(JSON.stringify(fields[phoneField]))).not.toContain(digits);
          expect(JSON.stringify(fields.nested)).not.toContain(String(code));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('long lines (unclosed quotes, long runs without spaces) are redacted in one pass, not a scan per position', () => {
    // Before: «пароль «» repeated took over a minute (each opening quote scanned to the end of the line).
    for (const text of ['пароль «'.repeat(20_000) + 'Север-2026', 'a'.repeat(200_000) + '%2B79001234567', 'password "'.repeat(20_000)]) {
      const out = redactText(text);
      expect(out).not.toContain('Север-2026');
      expect(out).not.toContain('9001234567');
    }
  });
});
