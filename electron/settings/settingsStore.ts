import type { Preferences } from '../../shared/contract/settings';
import type { SocialProvider, SocialProviderConfig } from '../core/auth/socialSignIn';
import { AdapterSettings, MemoryRawSettings, type SecretSealer } from './adapterSettings';

export type SocialProviderSettings = Partial<Record<SocialProvider, SocialProviderConfig>>;

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** Small per-computer settings, apart from the encrypted store: nothing secret lives here. */
export interface SettingsStore {
  preferences(): Preferences;
  updatePreferences(patch: Partial<Preferences>): Preferences;
  windowBounds(): WindowBounds | null;
  saveWindowBounds(bounds: WindowBounds): void;
  /** VK ID, OK and Facebook client ids and endpoints; a provider without an entry is not configured. */
  socialProviders(): SocialProviderSettings;
  /** The operator's connections (SMS centre, mail, acquirer), secrets sealed. */
  adapterSettings(): AdapterSettings;
}

/**
 * Tests' and the harness's keyring: the "sealed" text is reversible and is never the clear text, so a test can
 * check that nothing secret is kept as typed. `available: false` plays a computer without a keyring.
 */
export function testSealer(available = true): SecretSealer {
  return {
    available,
    seal: (plain) => `test-sealed:${Buffer.from(plain, 'utf8').toString('base64').split('').reverse().join('')}`,
    open: (sealed) => {
      if (!sealed.startsWith('test-sealed:')) throw new Error('not sealed here');
      return Buffer.from(sealed.slice('test-sealed:'.length).split('').reverse().join(''), 'base64').toString('utf8');
    },
  };
}

export const defaultPreferences: Preferences = { language: 'ru', theme: 'system', interface: 'new' };

export class MemorySettingsStore implements SettingsStore {
  private current: Preferences;
  private bounds: WindowBounds | null = null;
  private readonly adapters: AdapterSettings;

  constructor(
    initial: Partial<Preferences> = {},
    private readonly providers: SocialProviderSettings = {},
    sealer: SecretSealer = testSealer(),
  ) {
    this.current = { ...defaultPreferences, ...initial };
    this.adapters = new AdapterSettings(new MemoryRawSettings(), sealer);
  }

  adapterSettings(): AdapterSettings {
    return this.adapters;
  }

  socialProviders(): SocialProviderSettings {
    return { ...this.providers };
  }

  preferences(): Preferences {
    return { ...this.current };
  }

  updatePreferences(patch: Partial<Preferences>): Preferences {
    this.current = { ...this.current, ...definedOnly(patch) };
    return this.preferences();
  }

  windowBounds(): WindowBounds | null {
    return this.bounds;
  }

  saveWindowBounds(bounds: WindowBounds): void {
    this.bounds = { ...bounds };
  }
}

export function definedOnly<T extends object>(patch: Partial<T>): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as Partial<T>;
}
