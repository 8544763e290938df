import { describe, expect, it } from 'vitest';
import { decideDemoMode, staffApprovedDemo, type DemoInputs } from '../../electron/demoMode';

const desktop: DemoInputs = { argv: ['/usr/bin/electron', '.'], setting: undefined, sharedStore: false, packaged: false, staffPinVerified: false };

describe('decideDemoMode', () => {
  it('is off unless asked for: no --demo, no demoMode setting', () => {
    expect(decideDemoMode(desktop)).toEqual({ mode: 'off' });
    // Only the exact flag and a real `true` ask for it: a hand-edited "true" string or 1 does not.
    expect(decideDemoMode({ ...desktop, argv: ['electron', '.', '--demo=false', '--demonstration'] })).toEqual({ mode: 'off' });
    expect(decideDemoMode({ ...desktop, setting: 'true' })).toEqual({ mode: 'off' });
    expect(decideDemoMode({ ...desktop, setting: 1 })).toEqual({ mode: 'off' });
    expect(decideDemoMode({ ...desktop, setting: false })).toEqual({ mode: 'off' });
  });

  it('is on with --demo or with the demoMode setting on a developer checkout', () => {
    expect(decideDemoMode({ ...desktop, argv: ['electron', '.', '--demo'] })).toEqual({ mode: 'on', source: 'flag' });
    expect(decideDemoMode({ ...desktop, setting: true })).toEqual({ mode: 'on', source: 'setting' });
  });

  it('is refused with a shared store, whatever asks for it and even with the staff PIN', () => {
    for (const packaged of [false, true]) {
      expect(decideDemoMode({ ...desktop, argv: ['app', '--demo'], sharedStore: true, packaged, staffPinVerified: true })).toEqual({
        mode: 'refused',
        reason: 'shared-store',
        source: 'flag',
      });
      expect(decideDemoMode({ ...desktop, setting: true, sharedStore: true, packaged, staffPinVerified: true })).toMatchObject({ mode: 'refused', reason: 'shared-store' });
    }
  });

  it('needs the staff PIN in a packaged build', () => {
    expect(decideDemoMode({ ...desktop, argv: ['app', '--demo'], packaged: true })).toEqual({ mode: 'refused', reason: 'staff-pin-required', source: 'flag' });
    expect(decideDemoMode({ ...desktop, setting: true, packaged: true })).toEqual({ mode: 'refused', reason: 'staff-pin-required', source: 'setting' });
    expect(decideDemoMode({ ...desktop, argv: ['app', '--demo'], packaged: true, staffPinVerified: true })).toEqual({ mode: 'on', source: 'flag' });
    // A packaged build that does not ask for demo mode needs no PIN.
    expect(decideDemoMode({ ...desktop, packaged: true })).toEqual({ mode: 'off' });
  });
});

describe('staff approval (the staff panel\'s «Демо-режим при следующем запуске»)', () => {
  const approved = (pinHash: string | null, demoNextLaunch: boolean) => staffApprovedDemo({ pinHash, settings: { demoNextLaunch } });
  const hash = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';

  it('counts only while a staff PIN is set', () => {
    expect(approved(hash, true)).toBe(true);
    expect(approved(hash, false)).toBe(false);
    // A hand-edited kiosk.json with the switch on but no PIN: no panel could have written it.
    expect(approved(null, true)).toBe(false);
  });

  it('turns demo mode on in a packaged build on its own, without --demo', () => {
    expect(decideDemoMode({ ...desktop, packaged: true, staffPinVerified: approved(hash, true) })).toEqual({ mode: 'on', source: 'staff' });
    expect(decideDemoMode({ ...desktop, setting: true, packaged: true, staffPinVerified: approved(hash, true) })).toEqual({ mode: 'on', source: 'setting' });
  });

  it('is not enough with a shared store, and its absence leaves --demo and the setting refused in a packaged build', () => {
    expect(decideDemoMode({ ...desktop, packaged: true, sharedStore: true, staffPinVerified: approved(hash, true) })).toEqual({ mode: 'refused', reason: 'shared-store', source: 'staff' });
    expect(decideDemoMode({ ...desktop, setting: true, packaged: true, staffPinVerified: approved(null, true) })).toEqual({ mode: 'refused', reason: 'staff-pin-required', source: 'setting' });
    expect(decideDemoMode({ ...desktop, argv: ['app', '--demo'], packaged: true, staffPinVerified: approved(hash, false) })).toMatchObject({ mode: 'refused', reason: 'staff-pin-required' });
  });
});
