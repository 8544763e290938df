import { describe, expect, it } from 'vitest';
import { formatPackageAmount } from '../../renderer/src/format/amounts';
import { formatLocalDate, formatShortLocalDate } from '../../renderer/src/format/dates';
import { formatNumber } from '../../renderer/src/format/locale';
import { prepareFormats } from '../../renderer/src/format/prepareFormats';
import { dateTimeFormat, numberFormat } from '../../shared/intlFormats';
import { formatRubles } from '../../shared/money';

const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** Counts the Intl formatters made while `work` runs (the slow part of formatting: see shared/intlFormats.ts). */
function formattersMade(work: () => void): number {
  let made = 0;
  const counted = <T extends object>(constructor: T) => new Proxy(constructor, { construct: (target, args) => (made += 1, Reflect.construct(target as never, args)) });
  const { NumberFormat, DateTimeFormat } = Intl;
  Intl.NumberFormat = counted(NumberFormat);
  Intl.DateTimeFormat = counted(DateTimeFormat);
  try {
    work();
  } finally {
    Intl.NumberFormat = NumberFormat;
    Intl.DateTimeFormat = DateTimeFormat;
  }
  return made;
}

describe('the main screen’s figures are formatted without making a formatter each (issue 22 item 7)', () => {
  it('one formatter per locale and options, the same text as a fresh one', () => {
    expect(numberFormat('ru-RU', { maximumFractionDigits: 1 })).toBe(numberFormat('ru-RU', { maximumFractionDigits: 1 }));
    expect(numberFormat('ru-RU', { maximumFractionDigits: 1 })).not.toBe(numberFormat('en-US', { maximumFractionDigits: 1 }));
    expect(dateTimeFormat('ru-RU', { day: 'numeric', timeZone: 'UTC' })).not.toBe(dateTimeFormat('ru-RU', { day: '2-digit', timeZone: 'UTC' }));
    expect(numberFormat('ru-RU', { maximumFractionDigits: 1 }).format(8.84)).toBe(new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 1 }).format(8.84));
  });

  it('a balance, a fee with kopecks and a date shown again make no new formatter', () => {
    formatRubles(45_000, 'ru');
    formatRubles(-2_340, 'ru');
    expect(formattersMade(() => {
      expect(plain(formatRubles(45_000, 'ru'))).toBe('450 ₽');
      expect(plain(formatRubles(-2_340, 'ru'))).toBe('\u221223,40 ₽');
      expect(plain(formatRubles(-2_340, 'en'))).not.toBe('');
    })).toBe(1);
  });

  it.each(['ru', 'en'])('what the sign-in screen prepares (%s) is what the main screen then uses: no formatter is made after it', (language) => {
    prepareFormats(language);
    const today = new Date().toISOString().slice(0, 10);
    expect(formattersMade(() => {
      formatRubles(45_000, language);
      formatRubles(12_350, language);
      formatNumber(1_500, language);
      formatPackageAmount('mb', 9_000, (_key, named) => String(named.n), language);
      formatPackageAmount('min', 312, (_key, named) => String(named.n), language);
      formatLocalDate(today, language);
      formatShortLocalDate(today, language);
    })).toBe(0);
  });
});
