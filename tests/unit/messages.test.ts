import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import { en } from '../../renderer/src/i18n/en';
import { ru } from '../../renderer/src/i18n/ru';
import { diagnosticsMessages } from '../../renderer/src/components/diagnostics/messages';
import { detailMessages } from '../../renderer/src/components/detail/messages';
import { supportMessages } from '../../renderer/src/components/support/messages';
import { shellMessages } from '../../renderer/src/ui/messages';
import { remaindersMessages } from '../../renderer/src/components/remainders/messages';
import { remaindersNavMessages } from '../../renderer/src/components/remainders/navMessages';
import { homeMessages } from '../../renderer/src/components/home/messages';
import { subscriptionsMessages } from '../../renderer/src/components/subscriptions/messages';
import { profileMessages } from '../../renderer/src/components/profile/messages';
import { kioskStaffMessages } from '../../renderer/src/components/kiosk/staffMessages';

/** Screens that bring their own messages (merged in when their code loads). */
const screens = {
  diagnostics: diagnosticsMessages,
  detail: detailMessages,
  support: supportMessages,
  shell: shellMessages,
  remainders: remaindersMessages,
  home: homeMessages,
  subscriptions: subscriptionsMessages,
  profile: profileMessages,
  kioskStaff: kioskStaffMessages,
};

/** Every leaf key of a message tree, as "a.b.c". */
function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix];
  return Object.entries(tree).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

describe('the window’s words', () => {
  it('Russian and English have the same messages', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort());
  });

  for (const [screen, bundle] of Object.entries(screens)) {
    it(`the ${screen} screen's own messages: the same in both languages, none shadowing the main ones`, () => {
      expect(keys(bundle.en).sort()).toEqual(keys(bundle.ru).sort());
      const main = new Set(keys(ru).map((key) => key.split('.')[0]));
      expect(Object.keys(bundle.ru).filter((top) => main.has(top))).toEqual([]);
    });
  }

  it('the menu entries of «Остатки» (merged by the layouts) are the same in both languages and add keys, never replace one', () => {
    expect(keys(remaindersNavMessages.en).sort()).toEqual(keys(remaindersNavMessages.ru).sort());
    const taken = new Set([...keys(ru), ...keys(remaindersMessages.ru)]);
    expect(keys(remaindersNavMessages.ru).filter((key) => taken.has(key))).toEqual([]);
  });

  for (const [language, messages] of [
    ['ru', Object.assign({}, ru, ...Object.values(screens).map((bundle) => bundle.ru))],
    ['en', Object.assign({}, en, ...Object.values(screens).map((bundle) => bundle.en))],
  ] as const) {
    it(`every ${language} message compiles (an unescaped @ or brace would break it on screen)`, () => {
      const problems: string[] = [];
      const i18n = createI18n({ legacy: false, locale: language, messages: { [language]: messages }, missingWarn: false, fallbackWarn: false });
      for (const key of keys(messages)) {
        try {
          i18n.global.t(key, {});
        } catch (error) {
          problems.push(`${key}: ${(error as Error).message}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
