import { z } from 'zod';
import { KioskSettings, StaffAction, type KioskSettings as KioskSettingsType } from '../../shared/contract/kiosk';
import { defaultKioskSettings } from '../core/kiosk/model';
import type { KioskConfigStore, KioskState } from '../core/kiosk/ports';

const StoredState = z.object({
  enabled: z.boolean().catch(false),
  pinHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/)
    .nullable()
    .catch(null),
  failedAttempts: z.number().int().min(0).catch(0),
  lockedUntil: z.number().nullable().catch(null),
  settings: z.unknown(),
  log: z.array(z.object({ at: z.number(), action: StaffAction, detail: z.string() })).catch([]),
});

export const emptyKioskState = (): KioskState => ({ enabled: false, pinHash: null, failedAttempts: 0, lockedUntil: null, settings: { ...defaultKioskSettings }, log: [] });

/**
 * Reads what is on disk defensively: a hand-edited bad value falls back to its default, one setting at a
 * time, so a typo in the printer's name does not reset the PIN or the lockout.
 */
export function parseKioskState(raw: unknown): KioskState {
  const parsed = StoredState.safeParse(raw ?? {});
  if (!parsed.success) return emptyKioskState();
  const rawSettings = (typeof parsed.data.settings === 'object' && parsed.data.settings !== null ? parsed.data.settings : {}) as Record<string, unknown>;
  const settings = { ...defaultKioskSettings } as Record<string, unknown>;
  for (const key of Object.keys(defaultKioskSettings) as Array<keyof KioskSettingsType>) {
    const field = KioskSettings.shape[key].safeParse(rawSettings[key]);
    if (field.success) settings[key] = field.data;
  }
  return { ...parsed.data, settings: settings as KioskSettingsType };
}

/** The kiosk state in memory: unit tests and the e2e harness. */
export class MemoryKioskConfigStore implements KioskConfigStore {
  private state: KioskState;

  constructor(initial: Partial<Omit<KioskState, 'settings'>> & { settings?: Partial<KioskSettingsType> } = {}) {
    const empty = emptyKioskState();
    this.state = { ...empty, ...initial, settings: { ...empty.settings, ...initial.settings } };
  }

  read(): KioskState {
    return structuredClone(this.state);
  }

  write(state: KioskState): void {
    this.state = structuredClone(state);
  }
}
