import { describe, expect, it } from 'vitest';
import { decideDemoMode, type DemoInputs } from '../../electron/demoMode';

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
