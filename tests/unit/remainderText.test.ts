import { describe, expect, it } from 'vitest';
import { remainderSentence } from '../../renderer/src/format/remainderText';
import { en } from '../../renderer/src/i18n/en';
import { ru } from '../../renderer/src/i18n/ru';

/** The catalog's own words with {name} filled in, as vue-i18n does for these plain messages. */
const translator = (messages: object) => (key: string, named: Record<string, unknown>) => {
  const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages);
  return String(message).replace(/\{(\w+)\}/g, (_, name: string) => String(named[name]));
};
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('remainders in words, for the classic view', () => {
  it('minutes say what is left of the whole allowance', () => {
    const sentence = remainderSentence({ kind: 'voice', unit: 'min', total: 500, used: 188, left: 312, rolledOver: 0 }, translator(ru), 'ru');
    expect(sentence).toBe('Минуты: осталось 312 мин из 500 мин.');
  });

  it('data is in gigabytes from 1 GB up, and what rolled over is said apart', () => {
    const sentence = remainderSentence({ kind: 'data', unit: 'mb', total: 81_920, used: 8806, left: 73_114, rolledOver: 40_960 }, translator(ru), 'ru');
    expect(plain(sentence)).toBe('Интернет: осталось 71,4 ГБ из 80 ГБ. В том числе 40 ГБ с прошлого периода.');
  });

  it('reads in English too', () => {
    const sentence = remainderSentence({ kind: 'sms', unit: 'sms', total: 50, used: 3, left: 47, rolledOver: 0 }, translator(en), 'en');
    expect(sentence).toBe('SMS: 47 SMS left of 50 SMS.');
  });
});
