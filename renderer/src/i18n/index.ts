import { createI18n } from 'vue-i18n';
import type { Language } from '../../../shared/contract/settings';
import { russianPluralChoice } from '../format/plural';
import { ru, type Messages } from './ru';

// Russian is the default and ships with the first screen; English is loaded the first time it is chosen.
export const i18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: { ru } as Record<Language, Messages>,
  // vue-i18n's default rule knows only "one | other": Russian needs one | few | many («21 минута», «22 минуты», «25 минут»).
  pluralRules: { ru: russianPluralChoice },
});

const loaders: Record<Language, (() => Promise<Messages>) | null> = {
  ru: null,
  en: () => import('./en').then((module) => module.en),
};

/** The last language asked for: a slower load of an earlier choice must not win over it. */
let latest = 0;
/** Languages whose main messages are here (a screen's own messages may be merged in before them). */
const loaded = new Set<Language>(['ru']);

/**
 * A screen's own messages, in both languages, merged in when its code loads: the first screen does not carry the
 * words of screens few people open. Merging, not replacing, so the main messages loaded later keep them.
 */
export function addMessages(bundle: Record<Language, Record<string, unknown>>): void {
  for (const language of Object.keys(bundle) as Language[]) i18n.global.mergeLocaleMessage(language, bundle[language] as never);
}

export function setLanguage(language: Language): Promise<void> {
  const asked = ++latest;
  const show = () => {
    if (asked !== latest) return;
    i18n.global.locale.value = language;
    document.documentElement.lang = language;
  };
  const load = loaders[language];
  if (!load || loaded.has(language)) {
    show();
    return Promise.resolve();
  }
  return load().then((messages) => {
    i18n.global.mergeLocaleMessage(language, messages);
    loaded.add(language);
    show();
  });
}
