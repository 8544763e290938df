import type { SessionPolicy } from '../auth/sessions';
import type { KioskState } from './ports';

/**
 * How long a sign-in lives on this computer. On a kiosk the visit ends when the subscriber has done nothing for
 * the staff-set idle time and the warning's countdown after it, and the main-side session ends then too: a
 * window whose timer did not run (a hung or tampered page) cannot keep the next person signed in as this one.
 * Elsewhere the desktop's own policy holds.
 */
export function sessionPolicyFor(desktop: SessionPolicy, kiosk: Pick<KioskState, 'enabled' | 'settings'>): SessionPolicy {
  if (!kiosk.enabled) return desktop;
  const { idleSeconds, warningSeconds } = kiosk.settings;
  return { idleMs: (idleSeconds + warningSeconds) * 1000, absoluteMs: desktop.absoluteMs };
}
