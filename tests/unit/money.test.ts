import { describe, expect, it } from 'vitest';
import { formatRubles } from '../../shared/money';

const nbsp = /[\u00a0\u202f]/g;

describe('money shown to a subscriber', () => {
  it('whole rubles have no kopecks', () => {
    expect(formatRubles(35000, 'ru').replace(nbsp, ' ')).toBe('350 ₽');
  });
  it('kopecks are shown when there are any', () => {
    expect(formatRubles(12345, 'ru').replace(nbsp, ' ')).toBe('123,45 ₽');
  });
  it('a debt is shown with a real minus (U+2212), not a hyphen', () => {
    expect(formatRubles(-4550, 'ru').replace(nbsp, ' ')).toBe('\u221245,50 ₽');
    expect(formatRubles(-2340, 'en')).toBe('-RUB\u00a023.40'.replace('-', '\u2212'));
  });
  it('English uses the English format', () => {
    expect(formatRubles(123456, 'en')).toBe('RUB 1,234.56'.replace('RUB ', 'RUB\u00a0'));
  });
  it('refuses a fraction of a kopeck', () => {
    expect(() => formatRubles(10.5, 'ru')).toThrow(RangeError);
  });
});
