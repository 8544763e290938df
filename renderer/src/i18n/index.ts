import { createI18n } from 'vue-i18n';
import type { Language } from '../../../shared/contract/settings';
import { en } from './en';
import { ru, type Messages } from './ru';

export const i18n = createI18n<[Messages], Language, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: { ru, en },
});

export function setLanguage(language: Language): void {
  i18n.global.locale.value = language;
  document.documentElement.lang = language;
}
