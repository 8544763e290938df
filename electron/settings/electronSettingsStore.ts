import { safeStorage } from 'electron';
import Store from 'electron-store';
import { Preferences } from '../../shared/contract/settings';
import { z } from 'zod';
import { defaultSessionPolicy, type SessionPolicy } from '../core/auth/sessions';
import { parseCardAcquirerSettings, sealSecretKey, type CardAcquirerSettings } from './cardAcquirerSettings';
import { parseSharedStoreSettings, sealPassword, type SharedStoreSettings } from './sharedStoreSettings';
import { readFileSync } from 'node:fs';
import { parseSmtpSettings, sealSmtpPassword, type SmtpSettings } from '../network/smtp/smtpSettings';
import { parseSmppSettings, sealSmppPassword, type SmppConnectionSettings } from './smppSettings';
import { defaultPreferences, definedOnly, type SettingsStore, type SocialProviderSettings, type WindowBounds } from './settingsStore';
import { AdapterSettings, type SecretSealer } from './adapterSettings';

/** Electron's safeStorage as the keyring: not available where it would fall back to a clear-text "basic" store. */
export const safeStorageSealer: SecretSealer = {
  get available() {
    return safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
  },
  seal: (plain) => safeStorage.encryptString(plain).toString('base64'),
  open: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

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
  /** The operator's connections (adapterSettings.ts): SMS centre, mail, acquirer; secrets sealed. */
  adapters?: unknown;
  /** The operator's mail server for receipts and notices (see electron/network/smtp/smtpSettings.ts); absent: mail not set up. */
  smtp?: unknown;
  /** The operator's SMS centre over SMPP (see smppSettings.ts); absent: SMS are not configured outside demo mode. */
  smpp?: unknown;
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

  private readonly adapters = new AdapterSettings(
    { get: () => this.store.get('adapters'), set: (_key, value) => this.store.set('adapters', value) },
    safeStorageSealer,
  );

  adapterSettings(): AdapterSettings {
    return this.adapters;
  }

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
    const handWritten = this.store.get('cardAcquirer');
    if (handWritten !== undefined && handWritten !== null) {
      return parseCardAcquirerSettings(handWritten, keystore ? (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined);
    }
    // Typed on «Состояние подключений»: the key is already sealed there and opened by resolved(); the same checks apply.
    const typed = this.adapters.resolved('cardPayments');
    if (!typed) return null;
    const { secretKey, ...rest } = typed;
    return parseCardAcquirerSettings({ provider: 'yookassa', ...rest, sealedSecretKey: 'dHlwZWQ=' }, () => String(secretKey));
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

  /** The mail server, or null when mail is not set up; throws SmtpSettingsError naming each bad field. */
  smtp(): SmtpSettings | null {
    const keystore = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
    if (keystore) {
      // A password written by hand is sealed with the OS keystore and leaves the file.
      const sealed = sealSmtpPassword(this.store.get('smtp'), (password) => safeStorage.encryptString(password).toString('base64'));
      if (sealed) this.store.set('smtp', sealed);
    }
    return parseSmtpSettings(this.store.get('smtp'), keystore ? (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined, (path) => readFileSync(path, 'utf8'));
  }

  /** The SMS centre over SMPP, or null when none is set up; throws SmppSettingsError naming each bad field. */
  smpp(): SmppConnectionSettings | null {
    const keystore = safeStorage.isEncryptionAvailable() && safeStorage.getSelectedStorageBackend?.() !== 'basic_text';
    if (keystore) {
      // A password written by hand is sealed with the OS keystore and leaves the file.
      const sealed = sealSmppPassword(this.store.get('smpp'), (password) => safeStorage.encryptString(password).toString('base64'));
      if (sealed) this.store.set('smpp', sealed);
    }
    return parseSmppSettings(this.store.get('smpp'), keystore ? (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')) : undefined);
  }
}
