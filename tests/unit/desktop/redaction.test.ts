import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { REDACTED, redactText, redactValue } from '../../../electron/logging/redaction';

describe('log redaction', () => {
  it('hides the middle digits of a phone number however it is written, keeping the operator code and the last two', () => {
    expect(redactText('SMS to +79001234567')).toBe('SMS to +7900*****67');
    expect(redactText('call from +7 (900) 123-45-67')).toBe('call from +7 (900) ***-**-67');
    expect(redactText('8 900 123-45-67 and 9001234567')).toBe('8 900 ***-**-67 and 900*****67');
  });

  it('hides one-time codes and PUKs in a message, but keeps dates, times, versions, amounts and durations', () => {
    expect(redactText('Ваш код 4821. Никому не сообщайте')).toBe('Ваш код ****. Никому не сообщайте');
    expect(redactText('PUK 41726305 entered')).toBe(`PUK ${REDACTED} entered`);
    expect(redactText('code 123456 sent')).toBe('code ****** sent');
    const harmless = 'on 2026-11-25T10:00:00.000Z (25.11.2026) version 1.2.3456 took 1520 ms, 347.50 RUB, 15 000 ₽, 5000 ₽, id 3f2a1b4c-1234-4abc';
    expect(redactText(harmless)).toBe(harmless);
  });

  it('hides passwords and passphrases written after their name, quoted or not', () => {
    expect(redactText('password=hunter2 and "password":"Sever-2026"')).toBe(`password=${REDACTED} and "password":"${REDACTED}"`);
    expect(redactText('passphrase: "смоук тест электрона" ok')).toBe(`passphrase: "${REDACTED}" ok`);
    expect(redactText('Пароль: Sever-2026')).toBe(`Пароль: ${REDACTED}`);
    expect(redactText('пароль Tundra!Fox9')).toBe(`пароль ${REDACTED}`);
    // The word alone is not a secret.
    expect(redactText('the password was changed')).toBe('the password was changed');
  });

  it('hides a card number in any grouping, keeping the last four digits, and the CVC', () => {
    expect(redactText('card 4111 1111 1111 1111 exp 12/30 cvc 123')).toBe(`card **** **** **** 1111 exp 12/30 cvc ${REDACTED}`);
    expect(redactText('card 4111-1111-1111-1111')).toBe('card ****-****-****-1111');
    expect(redactText('pan 2200000000000004')).toBe('pan ************0004');
    expect(redactText('CVV2: 999')).toBe(`CVV2: ${REDACTED}`);
  });

  it('redacts structured fields: secret names lose their value, other strings are cleaned, the input is not changed', () => {
    const fields = {
      password: 'Sever-2026',
      msisdn: '+79001234567',
      nested: { puk: 41726305, cvc: '123', note: 'code 4821', cardNumber: '4111111111111111' },
      list: ['+7 900 765-43-21'],
      count: 5,
      at: 1764033000000,
      luhnCard: 4111111111111111,
      method: 'auth.signInWithPassword',
    };
    const snapshot = structuredClone(fields);
    expect(redactValue(fields)).toEqual({
      password: REDACTED,
      msisdn: '+7900*****67',
      nested: { puk: REDACTED, cvc: REDACTED, note: 'code ****', cardNumber: REDACTED },
      list: ['+7 900 ***-**-21'],
      count: 5,
      at: 1764033000000,
      luhnCard: '************1111',
      method: 'auth.signInWithPassword',
    });
    expect(fields).toEqual(snapshot);
  });

  it('cleans an error message and stack, and survives circular objects', () => {
    const error = redactValue(new Error('acquirer refused 4111 1111 1111 1111')) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('acquirer refused **** **** **** 1111');
    expect(error.stack).not.toContain('4111 1111 1111 1111');
    const loop: Record<string, unknown> = { msisdn: '+79001234567' };
    loop.self = loop;
    expect(redactValue(loop)).toEqual({ msisdn: '+7900*****67', self: '[circular]' });
  });

  it('never lets the full digits of any Russian mobile number through, in any common format (property)', () => {
    const formats = [
      (d: string) => `+7${d}`,
      (d: string) => `8${d}`,
      (d: string) => d,
      (d: string) => `+7 (${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6, 8)}-${d.slice(8)}`,
      (d: string) => `8 ${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6, 8)} ${d.slice(8)}`,
    ];
    fc.assert(
      fc.property(fc.stringMatching(/^9\d{9}$/), fc.integer({ min: 0, max: formats.length - 1 }), fc.string({ maxLength: 12 }), (digits, format, noise) => {
        const text = `${noise.replace(/\d/g, '')} номер ${formats[format]!(digits)} всё`;
        const out = redactText(text);
        expect(out.replace(/\D/g, '')).not.toContain(digits.slice(3, 8));
        expect(out).toContain(digits.slice(8));
      }),
    );
  });

  it('never lets a 16-digit card number through, whatever separators it is written with (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[2-6]\d{15}$/), fc.constantFrom('', ' ', '-'), (pan, separator) => {
        const written = pan.match(/.{4}/g)!.join(separator);
        const out = redactText(`оплата картой ${written} прошла`);
        expect(out.replace(/\D/g, '')).toBe(pan.slice(12));
      }),
    );
  });
});
