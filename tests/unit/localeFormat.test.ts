import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { axisTick, formatNumber, MINUS, russianPluralChoice } from '../../renderer/src/format/locale';
import { formatInstant, formatShortInstant, zoneLabel } from '../../renderer/src/format/zone';
import { formatRubles } from '../../shared/money';

const nbsp = /[\u00a0\u202f]/g;
const plain = (text: string) => text.replace(nbsp, ' ');

describe('times are in the region’s zone and say which (issue 22)', () => {
  const at = new Date('2026-12-03T10:05:00Z');
  it.each([
    ['Europe/Moscow', 'МСК', 'MSK'],
    ['Europe/Kaliningrad', 'МСК\u22121', 'MSK\u22121'],
    ['Asia/Novosibirsk', 'МСК+4', 'MSK+4'],
    ['Asia/Vladivostok', 'МСК+7', 'MSK+7'],
    ['Asia/Kamchatka', 'МСК+9', 'MSK+9'],
  ])('%s is %s', (zone, ru, en) => {
    expect(zoneLabel(zone, 'ru', at)).toBe(ru);
    expect(zoneLabel(zone, 'en', at)).toBe(en);
  });
  it('an instant is shown in the region’s zone whatever the computer’s, with its label', () => {
    expect(plain(formatInstant(at.toISOString(), 'ru', 'Asia/Novosibirsk'))).toBe('3 декабря 2026 г. в 17:05 МСК+4');
    expect(plain(formatInstant(at.toISOString(), 'en', 'Asia/Novosibirsk'))).toBe('3 December 2026 at 17:05 MSK+4');
    expect(plain(formatShortInstant(at.toISOString(), 'ru', 'Europe/Moscow'))).toBe('03.12.2026, 13:05 МСК');
  });
});

describe('numbers and money in the app’s language', () => {
  it('a negative has the real minus (U+2212), never a hyphen', () => {
    expect(plain(formatRubles(-2340, 'ru'))).toBe(`${MINUS}23,40 ₽`);
    expect(formatRubles(-2340, 'ru')).not.toContain('-');
    expect(plain(formatNumber(-1500, 'ru'))).toBe(`${MINUS}1 500`);
    expect(formatNumber(-1500, 'en')).toBe(`${MINUS}1,500`);
  });
  it('chart ticks are grouped as the language groups: «14 000», not "14,000"', () => {
    expect(plain(axisTick('ru')(14000))).toBe('14 000');
    expect(plain(axisTick('ru')(2.5))).toBe('2,5');
    expect(axisTick('en')(14000)).toBe('14,000');
    expect(axisTick('ru')('1 дек.')).toBe('1 дек.');
  });
});

describe('Russian plurals', () => {
  it.each([
    [1, 0], [21, 0], [101, 0], [2, 1], [3, 1], [24, 1], [5, 2], [11, 2], [12, 2], [14, 2], [19, 2], [20, 2], [111, 2], [1500, 2], [0, 2],
  ])('%i takes form %i', (count, form) => {
    expect(russianPluralChoice(count, 3)).toBe(form);
  });
  it('the app’s i18n uses it: «21 минута», «1 500 минут», «3 минуты»', () => {
    const i18n = createI18n({
      legacy: false,
      locale: 'ru',
      pluralRules: { ru: russianPluralChoice },
      messages: { ru: { minutes: '{n} минута | {n} минуты | {n} минут' }, en: { minutes: '{n} minute | {n} minutes' } },
    });
    const say = (count: number, locale: 'ru' | 'en' = 'ru') => plain(i18n.global.t('minutes', { n: formatNumber(count, locale) }, { plural: count, locale }));
    expect(say(21)).toBe('21 минута');
    expect(say(1500)).toBe('1 500 минут');
    expect(say(3)).toBe('3 минуты');
    expect(say(1, 'en')).toBe('1 minute');
    expect(say(1500, 'en')).toBe('1,500 minutes');
  });
});
