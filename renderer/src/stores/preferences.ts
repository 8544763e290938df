import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { InterfaceKind, Language, Preferences, Theme } from '../../../shared/contract/settings';
import { cabinet } from '../api';
import { setLanguage } from '../i18n';
import { showTheme } from '../theme';

/** Language, theme and interface (new or classic): per computer, shared by every window, kept across sign-outs. */
export const usePreferencesStore = defineStore('preferences', () => {
  const language = ref<Language>('ru');
  const theme = ref<Theme>('system');
  const interfaceKind = ref<InterfaceKind>('new');

  function apply(preferences: Preferences): void {
    language.value = preferences.language;
    theme.value = preferences.theme;
    setLanguage(preferences.language);
    showTheme(preferences.theme);
    interfaceKind.value = preferences.interface;
    // The classic stylesheet (large type, high contrast, no motion) applies to the whole page, sign-in included.
    document.documentElement.dataset.interface = preferences.interface;
  }

  /** `asked`: the answer already on its way (the page asks first thing, see prefetchSignIn.ts). */
  async function load(asked = cabinet.settings.preferences({})): Promise<void> {
    const result = await asked;
    if (result.ok) apply(result.value);
  }

  async function update(patch: Partial<Preferences>): Promise<void> {
    apply({ language: language.value, theme: theme.value, interface: interfaceKind.value, ...patch });
    const result = await cabinet.settings.updatePreferences(patch);
    if (result.ok) apply(result.value);
  }

  return { language, theme, interfaceKind, apply, load, update };
});
