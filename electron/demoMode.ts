/**
 * Demo mode: the embedded test acquirer (any card not on its decline list is charged), the test e-wallets and
 * the virtual handset (every demo number's SMS codes in one window) stand in for the operator's network.
 * That is a way to try the cabinet, never a way to run it: asked for explicitly (`--demo` or the
 * `demoMode` setting), refused with a store chain's shared database (anyone at a kiosk could top up any
 * number for free and read every code), and in a packaged build only once the staff PIN was checked.
 */

export type DemoRefusal = 'shared-store' | 'staff-pin-required';

export type DemoDecision =
  | { mode: 'on'; source: 'flag' | 'setting' }
  | { mode: 'off' }
  | { mode: 'refused'; reason: DemoRefusal; source: 'flag' | 'setting' };

export interface DemoInputs {
  /** The process's command line; `--demo` asks for demo mode. */
  argv: readonly string[];
  /** settings.json's `demoMode`; anything but `true` does not ask for it. */
  setting: unknown;
  /** The store is a chain's shared PostgreSQL database. */
  sharedStore: boolean;
  /** An installed build (app.isPackaged), not a developer's checkout. */
  packaged: boolean;
  /** Staff typed the kiosk's staff PIN and it matched. */
  staffPinVerified: boolean;
}

export const DEMO_FLAG = '--demo';

/** Whether this process runs in demo mode; pure, so each rule is tested without Electron. */
export function decideDemoMode(inputs: DemoInputs): DemoDecision {
  const source = inputs.argv.includes(DEMO_FLAG) ? 'flag' : inputs.setting === true ? 'setting' : null;
  if (source === null) return { mode: 'off' };
  if (inputs.sharedStore) return { mode: 'refused', reason: 'shared-store', source };
  if (inputs.packaged && !inputs.staffPinVerified) return { mode: 'refused', reason: 'staff-pin-required', source };
  return { mode: 'on', source };
}

export const demoOn = (decision: DemoDecision): boolean => decision.mode === 'on';
