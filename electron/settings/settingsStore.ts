import type { Preferences } from '../../shared/contract/settings';
import type { SocialProvider, SocialProviderConfig } from '../core/auth/socialSignIn';

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
}

export const defaultPreferences: Preferences = { language: 'ru', theme: 'system', interface: 'new' };

export class MemorySettingsStore implements SettingsStore {
  private current: Preferences;
  private bounds: WindowBounds | null = null;

  constructor(
    initial: Partial<Preferences> = {},
    private readonly providers: SocialProviderSettings = {},
  ) {
    this.current = { ...defaultPreferences, ...initial };
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
