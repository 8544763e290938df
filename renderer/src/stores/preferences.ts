import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Language, Preferences, Theme } from '../../../shared/contract/settings';
import { cabinet } from '../api';
import { setLanguage } from '../i18n';
import { showTheme } from '../theme';

/** Language and theme: per computer, shared by every window, kept across sign-outs. */
export const usePreferencesStore = defineStore('preferences', () => {
  const language = ref<Language>('ru');
  const theme = ref<Theme>('system');

  function apply(preferences: Preferences): void {
    language.value = preferences.language;
    theme.value = preferences.theme;
    setLanguage(preferences.language);
    showTheme(preferences.theme);
  }

  async function load(): Promise<void> {
    const result = await cabinet.settings.preferences({});
    if (result.ok) apply(result.value);
  }

  async function update(patch: Partial<Preferences>): Promise<void> {
    apply({ language: language.value, theme: theme.value, ...patch });
    const result = await cabinet.settings.updatePreferences(patch);
    if (result.ok) apply(result.value);
  }

  return { language, theme, apply, load, update };
});
