import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRussianNumber, parseRussianMobile } from '../../shared/phone';

describe('a phone number typed by a person', () => {
  it.each(['8 900 123-45-67', '+7 (900) 123 45 67', '9001234567', '+79001234567', '8(900)1234567', ' 8 900 123 45 67 '])(
    '"%s" is +79001234567',
    (typed) => {
      expect(parseRussianMobile(typed)).toBe('+79001234567');
    },
  );

  it.each(['', '123', '+1 212 555 0100', '8 495 123-45-67', 'abc9001234567', '+7 900 123 45 67 8', '89001234567; DROP TABLE'])(
    '"%s" is not a Russian mobile number',
    (typed) => {
      expect(parseRussianMobile(typed)).toBeNull();
    },
  );

  it('every way of writing the same mobile number means the same number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 9_999_999 }), (code, rest) => {
        const operatorCode = `9${String(code).padStart(2, '0')}`;
        const subscriber = String(rest).padStart(7, '0');
        const e164 = parseRussianMobile(`+7${operatorCode}${subscriber}`);
        fc.pre(e164 !== null);
        const spaced = `8 ${operatorCode} ${subscriber.slice(0, 3)}-${subscriber.slice(3, 5)}-${subscriber.slice(5)}`;
        expect(parseRussianMobile(spaced)).toBe(e164);
        expect(parseRussianMobile(`${operatorCode}${subscriber}`)).toBe(e164);
        expect(parseRussianMobile(`+7 (${operatorCode}) ${subscriber}`)).toBe(e164);
      }),
    );
  });

  it('is printed the way an operator prints it', () => {
    expect(formatRussianNumber('+79001234567')).toBe('+7 900 123-45-67');
  });
});
