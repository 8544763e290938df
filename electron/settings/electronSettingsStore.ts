import { safeStorage } from 'electron';
import Store from 'electron-store';
import { Preferences } from '../../shared/contract/settings';
import { z } from 'zod';
import { defaultSessionPolicy, type SessionPolicy } from '../core/auth/sessions';
import { parseCardAcquirerSettings, sealSecretKey, type CardAcquirerSettings } from './cardAcquirerSettings';
import { parseSharedStoreSettings, sealPassword, type SharedStoreSettings } from './sharedStoreSettings';
import { defaultPreferences, definedOnly, type SettingsStore, type SocialProviderSettings, type WindowBounds } from './settingsStore';

interface Schema {
  preferences: Preferences;
  windowBounds: WindowBounds | null;
  socialProviders: SocialProviderSettings;
  /** Minutes a signed-in window may stay unused (1–240); the session's absolute lifetime stays 12 h. */
  sessionIdleMinutes: number;
  /** The update feed, written by the operator: `{ "feedUrl": "https://…", "channel": "latest" }`; no entry, no updates. */
  updates?: unknown;
  /** A store chain's PostgreSQL database (see sharedStoreSettings.ts); absent: the embedded store. */
  sharedStore?: unknown;
  /** `true` asks for demo mode (electron/demoMode.ts decides whether it is granted). */
  demoMode?: unknown;
  /** The shop's card acquirer (see cardAcquirerSettings.ts); absent: card payments are not set up. */
  cardAcquirer?: unknown;
}

const ProviderConfig = z.object({
  clientId: z.string().min(1),
  authorizationEndpoint: z.url({ protocol: /^https?$/ }),
  tokenEndpoint: z.url({ protocol: /^https?$/ }),
  userinfoEndpoint: z.url({ protocol: /^https?$/ }),
  scope: z.string().default('openid'),
});

/** Settings in electron-store's JSON file in the user-data folder; a hand-edited bad value falls back to the default. */
export class ElectronSettingsStore implements SettingsStore {
  private readonly store = new Store<Schema>({
    name: 'settings',
    defaults: { preferences: defaultPreferences, windowBounds: null, socialProviders: {}, sessionIdleMinutes: 15 },
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

  sessionPolicy(): SessionPolicy {
    const minutes = z.number().int().min(1).max(240).safeParse(this.store.get('sessionIdleMinutes'));
    return { ...defaultSessionPolicy, idleMs: (minutes.success ? minutes.data : 15) * 60_000 };
  }

  /** The raw `updates` entry; `readUpdateFeed` (electron/desktop/updateFeed.ts) checks it. */
  updateSettings(): unknown {
    return this.store.get('updates');
  }

  /** Called after any window changes the language or the theme (the menu and native dialogs follow). */
  onPreferencesChanged(listener: (preferences: Preferences) => void): () => void {
    return this.store.onDidChange('preferences', () => listener(this.preferences()));
  }

  /** The raw `demoMode` entry: only `true` asks for demo mode (decideDemoMode). */
  demoModeSetting(): unknown {
    return this.store.get('demoMode');
  }

  /** The chain's shared database, or null for the embedded store; throws SharedStoreSettingsError naming each bad field. */
  sharedStore(): SharedStoreSettings | null {
    const keystore = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
    if (keystore) {
      // A password written by hand is sealed with the OS keystore and leaves the file.
      const sealed = sealPassword(this.store.get('sharedStore'), (password) => safeStorage.encryptString(password).toString('base64'));
      if (sealed) this.store.set('sharedStore', sealed);
    }
    return parseSharedStoreSettings(this.store.get('sharedStore'), keystore ? (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined);
  }

  /** The shop's card acquirer, or null; throws CardAcquirerSettingsError naming each bad field. The secret key is sealed first. */
  cardAcquirer(): CardAcquirerSettings | null {
    const keystore = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
    if (keystore) {
      const sealed = sealSecretKey(this.store.get('cardAcquirer'), (secret) => safeStorage.encryptString(secret).toString('base64'));
      if (sealed) this.store.set('cardAcquirer', sealed);
    }
    return parseCardAcquirerSettings(this.store.get('cardAcquirer'), keystore ? (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined);
  }

  /** Written by the operator in settings.json; an entry that does not parse counts as not configured. */
  socialProviders(): SocialProviderSettings {
    const raw = this.store.get('socialProviders') ?? {};
    const out: SocialProviderSettings = {};
    for (const id of ['vk', 'ok', 'facebook'] as const) {
      const parsed = ProviderConfig.safeParse(raw[id]);
      if (parsed.success) out[id] = parsed.data;
    }
    return out;
  }
}
