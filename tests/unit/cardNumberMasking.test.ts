import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskCardNumbers, passesLuhn } from '../../electron/core/support/cardNumberMasking';

/** Appends the Luhn check digit to a body of digits. */
const withCheckDigit = (body: string) => {
  for (let check = 0; check < 10; check += 1) if (passesLuhn(`${body}${check}`)) return `${body}${check}`;
  throw new Error('unreachable');
};

describe('card numbers in a support request', () => {
  it('keep only their last four digits, whatever separates the groups', () => {
    expect(maskCardNumbers('Карта 4111 1111 1111 1111 не проходит')).toBe('Карта •••• •••• •••• 1111 не проходит');
    expect(maskCardNumbers('4111-1111-1111-1111')).toBe('••••-••••-••••-1111');
    expect(maskCardNumbers('5555.5555.5555.4444')).toBe('••••.••••.••••.4444');
    expect(maskCardNumbers('номер 2200000000000004.')).toBe('номер ••••••••••••0004.');
    expect(maskCardNumbers('4111\u00a01111\u00a01111\u00a01111')).toBe('••••\u00a0••••\u00a0••••\u00a01111');
    expect(maskCardNumbers('5555 - 5555 - 5555 - 4444')).toBe('•••• - •••• - •••• - 4444');
  });

  it('are found from 13 to 19 digits, and in any grouping', () => {
    // 13 digits (an old Visa), 15 (Amex, 4-6-5) and 19 (a Mir card).
    expect(maskCardNumbers('4222222222222')).toBe('•••••••••2222');
    expect(maskCardNumbers('3782 822463 10005')).toBe('•••• •••••• •0005');
    const mir19 = withCheckDigit('220000000000000000');
    expect(maskCardNumbers(`карта ${mir19}`)).toBe(`карта ${'•'.repeat(15)}${mir19.slice(-4)}`);
  });

  it('are masked even when other digits follow in the same run (an expiry date, a CVC)', () => {
    expect(maskCardNumbers('4111 1111 1111 1111 12 28')).toBe('•••• •••• •••• 1111 12 28');
    expect(maskCardNumbers('списали 100 4111 1111 1111 1111')).not.toContain('4111 1111');
    expect(maskCardNumbers('две карты: 4111 1111 1111 1111 5555 5555 5555 4444')).toBe('две карты: •••• •••• •••• 1111 •••• •••• •••• 4444');
  });

  it('leave alone what is not a card: phone numbers, short numbers, sums, digits that fail the Luhn check', () => {
    const plain = [
      'Мой номер +7 900 123-45-67, договор 12345678',
      'Списали 1 500,00 ₽ 24.11.2026 в 10:15',
      '4111 1111 1111 1112',
      '1234567890123',
      'Заказ 2026-11-24-000123',
    ];
    for (const text of plain) expect(maskCardNumbers(text)).toBe(text);
  });

  it('leave no card digit but the last four, for any valid card number and any separator', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 13, max: 19 }).chain((length) => fc.stringMatching(new RegExp(`^[1-9][0-9]{${length - 2}}$`))),
        fc.constantFrom(' ', '-', '.', '', ' - '),
        fc.string({ maxLength: 12 }).filter((text) => !/\d/.test(text)),
        (body, separator, words) => {
          const number = withCheckDigit(body);
          const written = number.match(/.{1,4}/g)!.join(separator);
          const masked = maskCardNumbers(`${words} ${written} ${words}`);
          expect(masked.replace(/\D/g, '')).toBe(number.slice(-4));
        },
      ),
    );
  });
});
