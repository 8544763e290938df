/**
 * Demo mode: the embedded test acquirer (any card not on its decline list is charged), the test e-wallets and
 * the virtual handset (every demo number's SMS codes in one window) stand in for the operator's network.
 * That is a way to try the cabinet, never a way to run it: asked for explicitly (`--demo` or the
 * `demoMode` setting), refused with a store chain's shared database (anyone at a kiosk could top up any
 * number for free and read every code), and in a packaged build only with staff's approval: «Демо-режим при
 * следующем запуске» in the staff panel, which only the staff PIN unlocks (kiosk.json's settings.demoNextLaunch,
 * honoured only while a PIN is set). That approval is itself an explicit ask: staff need not also pass `--demo`.
 * `--demo` or the setting alone (a hand-edited settings.json) never turns it on in a packaged build.
 */

export type DemoRefusal = 'shared-store' | 'staff-pin-required';

/** Who asked: the `--demo` switch, settings.json's demoMode, or staff in the PIN-unlocked panel. */
export type DemoSource = 'flag' | 'setting' | 'staff';

export type DemoDecision =
  | { mode: 'on'; source: DemoSource }
  | { mode: 'off' }
  | { mode: 'refused'; reason: DemoRefusal; source: DemoSource };

export interface DemoInputs {
  /** The process's command line; `--demo` asks for demo mode. */
  argv: readonly string[];
  /** settings.json's `demoMode`; anything but `true` does not ask for it. */
  setting: unknown;
  /** The store is a chain's shared PostgreSQL database. */
  sharedStore: boolean;
  /** An installed build (app.isPackaged), not a developer's checkout. */
  packaged: boolean;
  /**
   * Staff approved demo mode in the staff panel, unlocked with the staff PIN (see `staffApprovedDemo`): asks for
   * demo mode and is what a packaged build needs for it.
   */
  staffPinVerified: boolean;
}

export const DEMO_FLAG = '--demo';

/** Whether this process runs in demo mode; pure, so each rule is tested without Electron. */
export function decideDemoMode(inputs: DemoInputs): DemoDecision {
  const source: DemoSource | null = inputs.argv.includes(DEMO_FLAG) ? 'flag' : inputs.setting === true ? 'setting' : inputs.staffPinVerified ? 'staff' : null;
  if (source === null) return { mode: 'off' };
  if (inputs.sharedStore) return { mode: 'refused', reason: 'shared-store', source };
  if (inputs.packaged && !inputs.staffPinVerified) return { mode: 'refused', reason: 'staff-pin-required', source };
  return { mode: 'on', source };
}

export const demoOn = (decision: DemoDecision): boolean => decision.mode === 'on';

/**
 * Staff's approval as kiosk.json holds it: the staff panel's «Демо-режим при следующем запуске», counted only while
 * a staff PIN is set (the panel that writes it opens only with that PIN).
 */
export function staffApprovedDemo(kiosk: { pinHash: string | null; settings: { demoNextLaunch: boolean } }): boolean {
  return kiosk.pinHash !== null && kiosk.settings.demoNextLaunch === true;
}
