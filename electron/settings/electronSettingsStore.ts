import Store from 'electron-store';
import { Preferences } from '../../shared/contract/settings';
import { defaultPreferences, definedOnly, type SettingsStore, type WindowBounds } from './settingsStore';

interface Schema {
  preferences: Preferences;
  windowBounds: WindowBounds | null;
}

/** Settings in electron-store's JSON file in the user-data folder; a hand-edited bad value falls back to the default. */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store = new Store<Schema>({
    name: 'settings',
    defaults: { preferences: defaultPreferences, windowBounds: null },
  });

  preferences(): Preferences {
    const parsed = Preferences.safeParse(this.store.get('preferences'));
    return parsed.success ? parsed.data : { ...defaultPreferences };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    const next = { ...this.preferences(), ...definedOnly(patch) };
    this.store.set('preferences', next);
    return next;
  }

  windowBounds(): WindowBounds | null {
    const bounds = this.store.get('windowBounds');
    return bounds && bounds.width > 200 && bounds.height > 200 ? bounds : null;
  }

  saveWindowBounds(bounds: WindowBounds): void {
    this.store.set('windowBounds', bounds);
  }
}
