/**
 * The kiosk's model as the core keeps it; the IPC contract (shared/contract/kiosk.ts) declares the same shapes for
 * the wire, and `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same.
 */
export interface KioskSettings {
  /** Seconds without a touch or a key before the warning. */
  idleSeconds: number;
  /** Seconds the warning counts down before the session ends. */
  warningSeconds: number;
  storeName: string;
  region: string;
  /** The receipt printer's system name; null: the system's default printer. */
  printer: string | null;
  /** Staff's approval of demo mode at the next launch (written only through the PIN-unlocked panel). */
  demoNextLaunch: boolean;
}

export const defaultKioskSettings: KioskSettings = { idleSeconds: 60, warningSeconds: 30, storeName: '', region: '', printer: null, demoNextLaunch: false };

export type StaffAction = 'kiosk-started' | 'pin-set' | 'pin-changed' | 'panel-unlocked' | 'pin-wrong' | 'panel-locked-out' | 'panel-locked' | 'settings-changed' | 'kiosk-exited';

/** One line of the staff log: what staff did and when; never anything of a subscriber. */
export interface StaffLogEntry {
  at: string;
  action: StaffAction;
  detail: string;
}

export interface KioskStatus {
  /** This computer runs the kiosk profile. */
  enabled: boolean;
  /** A staff PIN has been set. */
  pinSet: boolean;
  /** The staff panel as this window sees it. */
  panel: 'locked' | 'unlocked' | 'locked-out';
  /** While locked out after wrong PINs: until when. */
  lockedUntil: string | null;
  attemptsLeft: number;
  idleSeconds: number;
  warningSeconds: number;
  storeName: string;
  region: string;
}

export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
}
