import { DomainError } from '../../core/errors';
import { AdapterSettingsError } from '../../settings/adapterSettings';
import type { AreaProcedures, Procedures } from '../procedure';

/** «Настройки»: preferences, what this computer has set up, «start with the system», diagnostics and connections. */
export const settingsProcedures = (procedure: Procedures): AreaProcedures<'settings'> => ({
  'settings.preferences': procedure.public(async (_input, { deps }) => deps.settings.preferences()),
  'settings.appInfo': procedure.public(async (_input, { deps }) => structuredClone(deps.appInfo)),
  'settings.startWithSystem': procedure.public(async (_input, { deps }) => ({ available: Boolean(deps.loginItem), on: deps.loginItem?.get() ?? false })),
  'settings.setStartWithSystem': procedure.public(async ({ on }, { deps }) => {
    if (!deps.loginItem) throw new DomainError('NOT_ELIGIBLE', 'this computer does not start the app with the system', { reason: 'no-login-item' });
    deps.loginItem.set(on);
    return { available: true, on: deps.loginItem.get() };
  }),
  // On a kiosk the connections are staff's business: the panel must be unlocked in this window.
  'settings.diagnostics': procedure.public(async (_input, { deps }) => deps.diagnostics(), { staffOnKiosk: true }),
  'settings.adapterSettings': procedure.public(async (_input, { deps }) => deps.settings.adapterSettings().view(), { staffOnKiosk: true }),
  'settings.updateAdapterSettings': procedure.public(
    async ({ adapter, values }, { deps }) => {
      try {
        const view = deps.settings.adapterSettings().update(adapter, values);
        deps.kiosk.logger.info('connection settings changed', { adapter, fields: Object.keys(values).join(', ') });
        return view;
      } catch (error) {
        if (error instanceof AdapterSettingsError) throw new DomainError('VALIDATION', error.message, { fields: [{ field: error.field, expected: error.expected }] });
        throw error;
      }
    },
    { staffOnKiosk: true },
  ),
  'settings.updatePreferences': procedure.public(async (patch, { deps, window }) => {
    // The subscriber's letters are written in the language they use the cabinet in (first: a store that cannot
    // take it fails the call before the windows change).
    if (patch.language && window.session) await deps.core()?.profileSettings.setLanguage(window.session.subscriberId, patch.language);
    const preferences = deps.settings.updatePreferences(patch);
    window.broadcast('preferences.changed', preferences);
    return preferences;
  }),
});
