import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/core/clock';
import { DomainError } from '../../electron/core/errors';
import { PasswordHasher } from '../../electron/core/auth/passwordHasher';
import { KioskStaffPanel, MAX_PIN_ATTEMPTS, PIN_LOCKOUT_MS, STAFF_GRANT_MS } from '../../electron/core/kiosk/staffPanel';
import { MemoryKioskConfigStore, parseKioskState } from '../../electron/settings/kioskConfigStore';
import { contract } from '../../shared/contract/index';

const cheap = new PasswordHasher({ N: 2 ** 10, r: 8, p: 1 });

function kiosk(options: { enabled?: boolean } = {}) {
  const clock = new ManualClock(Date.parse('2026-11-25T09:00:00Z'));
  const store = new MemoryKioskConfigStore({ enabled: options.enabled ?? true });
  const staff = new KioskStaffPanel(store, cheap, clock);
  return { clock, store, staff };
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('the staff PIN', () => {
  it('is set once on the first kiosk start and kept only as an scrypt hash', async () => {
    const { staff, store } = kiosk();
    expect(staff.status('w1')).toMatchObject({ enabled: true, pinSet: false, panel: 'locked' });
    await staff.setPin('w1', '482915');
    expect(store.read().pinHash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(store.read())).not.toContain('482915');
    expect(staff.status('w1')).toMatchObject({ pinSet: true, panel: 'unlocked' });
    expect(staff.status('w2').panel).toBe('locked');
    const again = await refusal(staff.setPin('w2', '111222'));
    expect(again.code).toBe('FORBIDDEN');
  });

  it('unlocks the panel for the window that typed it, and wrong PINs count down', async () => {
    const { staff } = kiosk();
    await staff.setPin('setup', '482915');
    const wrong = await refusal(staff.unlock('w1', '000111'));
    expect(wrong.code).toBe('FORBIDDEN');
    expect(wrong.details).toMatchObject({ reason: 'wrong-pin', attemptsLeft: MAX_PIN_ATTEMPTS - 1 });
    expect(staff.status('w1').attemptsLeft).toBe(MAX_PIN_ATTEMPTS - 1);
    await staff.unlock('w1', '482915');
    expect(staff.status('w1').panel).toBe('unlocked');
    // A right PIN clears the count.
    expect(staff.status('w1').attemptsLeft).toBe(MAX_PIN_ATTEMPTS);
  });

  it('locks the panel for 15 minutes after 5 wrong PINs, even for the right PIN', async () => {
    const { staff, clock } = kiosk();
    await staff.setPin('setup', '482915');
    staff.lock('setup');
    for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt += 1) expect((await refusal(staff.unlock('w1', '999000'))).code).toBe('FORBIDDEN');
    const fifth = await refusal(staff.unlock('w1', '999000'));
    expect(fifth.code).toBe('RATE_LIMITED');
    expect(fifth.details).toMatchObject({ reason: 'pin-locked-out', retryAfterSeconds: PIN_LOCKOUT_MS / 1000 });
    expect(staff.status('w1')).toMatchObject({ panel: 'locked-out', attemptsLeft: 0, lockedUntil: new Date(clock.now() + PIN_LOCKOUT_MS).toISOString() });

    clock.advance(PIN_LOCKOUT_MS - 1000);
    const stillLocked = await refusal(staff.unlock('w1', '482915'));
    expect(stillLocked.code).toBe('RATE_LIMITED');
    expect(stillLocked.details).toMatchObject({ retryAfterSeconds: 1 });

    clock.advance(1000);
    await staff.unlock('w1', '482915');
    expect(staff.status('w1').panel).toBe('unlocked');
  });

  it('keeps a lockout across a restart of the app', async () => {
    const { staff, store, clock } = kiosk();
    await staff.setPin('setup', '482915');
    for (let attempt = 0; attempt < MAX_PIN_ATTEMPTS; attempt += 1) await refusal(staff.unlock('w1', '999000'));
    const restarted = new KioskStaffPanel(store, cheap, clock);
    expect(restarted.status('w1').panel).toBe('locked-out');
    expect((await refusal(restarted.unlock('w1', '482915'))).code).toBe('RATE_LIMITED');
  });

  it('does not let parallel guesses past the limit', async () => {
    const { staff } = kiosk();
    await staff.setPin('setup', '482915');
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => refusal(staff.unlock('w1', '999000'))));
    expect(outcomes.filter((error) => error.code === 'FORBIDDEN')).toHaveLength(MAX_PIN_ATTEMPTS - 1);
    expect(outcomes.filter((error) => error.code === 'RATE_LIMITED')).toHaveLength(8 - (MAX_PIN_ATTEMPTS - 1));
    expect((await refusal(staff.unlock('w1', '482915'))).code).toBe('RATE_LIMITED');
  });

  it('refuses everything on a computer that is not a kiosk', async () => {
    const { staff } = kiosk({ enabled: false });
    expect(staff.status('w1')).toMatchObject({ enabled: false });
    expect((await refusal(staff.setPin('w1', '482915'))).details).toMatchObject({ reason: 'not-kiosk' });
  });

  it('must be digits, not one digit repeated nor a run like 1234', () => {
    const setPin = contract.kiosk.setPin.input;
    expect(setPin.safeParse({ pin: '4829', repeat: '4829' }).success).toBe(true);
    for (const pin of ['123', '123456789', '12a4', '1111', '1234', '987654']) expect(setPin.safeParse({ pin, repeat: pin }).success, pin).toBe(false);
    const mismatch = setPin.safeParse({ pin: '482915', repeat: '482916' });
    expect(mismatch.success).toBe(false);
    expect(mismatch.error?.issues[0]?.path).toEqual(['repeat']);
  });
});

describe('changing the staff PIN', () => {
  it('takes the current PIN again; the new one unlocks, the old one no longer does, and other windows’ panels lock', async () => {
    const { staff, store } = kiosk();
    await staff.setPin('w1', '482915');
    await staff.unlock('w2', '482915');
    await staff.changePin('w1', '482915', '730264');
    expect(staff.status('w1').panel).toBe('unlocked');
    expect(staff.status('w2').panel).toBe('locked');
    expect(JSON.stringify(store.read())).not.toContain('730264');
    expect((await refusal(staff.unlock('w2', '482915'))).details).toMatchObject({ reason: 'wrong-pin' });
    await staff.unlock('w2', '730264');
    expect(staff.log().map((entry) => entry.action).slice(0, 3)).toEqual(['panel-unlocked', 'pin-wrong', 'pin-changed']);
  });

  it('needs an unlocked panel, and a wrong current PIN counts towards the lockout', async () => {
    const { staff } = kiosk();
    await staff.setPin('setup', '482915');
    expect((await refusal(staff.changePin('w1', '482915', '730264'))).details).toMatchObject({ reason: 'staff-only' });
    await staff.unlock('w1', '482915');
    for (let attempt = 1; attempt < MAX_PIN_ATTEMPTS; attempt += 1) {
      expect((await refusal(staff.changePin('w1', '999000', '730264'))).details).toMatchObject({ reason: 'wrong-pin', attemptsLeft: MAX_PIN_ATTEMPTS - attempt });
    }
    expect((await refusal(staff.changePin('w1', '999000', '730264'))).code).toBe('RATE_LIMITED');
    expect(staff.status('w1')).toMatchObject({ panel: 'locked-out' });
    expect((await refusal(staff.unlock('w1', '482915'))).code).toBe('RATE_LIMITED');
  });

  it('is checked at the contract: a new PIN of 4–8 digits, typed twice, not the current one', () => {
    const changePin = contract.kiosk.changePin.input;
    expect(changePin.safeParse({ current: '482915', pin: '730264', repeat: '730264' }).success).toBe(true);
    expect(changePin.safeParse({ current: '482915', pin: '730264', repeat: '730265' }).error?.issues[0]?.path).toEqual(['repeat']);
    expect(changePin.safeParse({ current: '482915', pin: '482915', repeat: '482915' }).error?.issues[0]?.path).toEqual(['pin']);
    expect(changePin.safeParse({ current: '482915', pin: '1234', repeat: '1234' }).error?.issues[0]?.path).toEqual(['pin']);
  });
});

describe('the staff panel', () => {
  it('locks itself after five minutes without a staff call, and a staff call keeps it open', async () => {
    const { staff, clock } = kiosk();
    await staff.setPin('w1', '482915');
    clock.advance(STAFF_GRANT_MS - 1000);
    staff.requireStaff('w1');
    clock.advance(STAFF_GRANT_MS - 1000);
    expect(staff.status('w1').panel).toBe('unlocked');
    clock.advance(2000);
    expect(staff.status('w1').panel).toBe('locked');
    expect(() => staff.requireStaff('w1')).toThrow(/unlock the staff panel/);
  });

  it('changes the idle timeouts, store and printer, and logs each change without a subscriber in it', async () => {
    const { staff } = kiosk();
    expect(() => staff.updateSettings('w1', { idleSeconds: 120 })).toThrow(DomainError);
    await staff.setPin('w1', '482915');
    const next = staff.updateSettings('w1', { idleSeconds: 120, warningSeconds: 20, storeName: 'Салон на Тверской', printer: 'POS-80' });
    expect(next).toMatchObject({ idleSeconds: 120, warningSeconds: 20, storeName: 'Салон на Тверской', region: '', printer: 'POS-80' });
    expect(staff.status('anyone')).toMatchObject({ idleSeconds: 120, warningSeconds: 20, storeName: 'Салон на Тверской' });
    const log = staff.log();
    expect(log.map((entry) => entry.action)).toEqual(['settings-changed', 'pin-set']);
    expect(log[0]!.detail).toContain('idleSeconds: 60 → 120');
  });

  it('logs wrong PINs, lockouts and leaving the kiosk; leaving locks every panel', async () => {
    const { staff } = kiosk();
    await staff.setPin('w1', '482915');
    await refusal(staff.unlock('w2', '000111'));
    await staff.unlock('w2', '482915');
    staff.exit('w2');
    expect(staff.enabled).toBe(false);
    expect(staff.status('w1').panel).toBe('locked');
    expect(staff.log().map((entry) => entry.action)).toEqual(['kiosk-exited', 'panel-unlocked', 'pin-wrong', 'pin-set']);
  });
});

describe('the timeout settings', () => {
  it('accept 10 s – 30 min before the warning and 5 s – 5 min of countdown, and name the field otherwise', () => {
    const update = contract.kiosk.updateSettings.input;
    expect(update.safeParse({ idleSeconds: 60, warningSeconds: 30 }).success).toBe(true);
    expect(update.safeParse({ idleSeconds: 10, warningSeconds: 5 }).success).toBe(true);
    expect(update.safeParse({ idleSeconds: 1800, warningSeconds: 300 }).success).toBe(true);
    for (const [input, field] of [
      [{ idleSeconds: 9 }, 'idleSeconds'],
      [{ idleSeconds: 1801 }, 'idleSeconds'],
      [{ idleSeconds: 60.5 }, 'idleSeconds'],
      [{ warningSeconds: 4 }, 'warningSeconds'],
      [{ warningSeconds: '30' }, 'warningSeconds'],
      [{ storeName: 'x'.repeat(81) }, 'storeName'],
      [{ pin: '1234' }, 'pin'],
    ] as const) {
      const parsed = update.safeParse(input);
      expect(parsed.success, JSON.stringify(input)).toBe(false);
      expect(parsed.error?.issues[0]?.path.join('.') || (parsed.error?.issues[0] as { keys?: string[] })?.keys?.[0]).toBe(field);
    }
  });

  it('fall back one by one to the defaults when kiosk.json was edited by hand badly', () => {
    const state = parseKioskState({
      enabled: true,
      pinHash: 'scrypt$1024$8$1$c2FsdA==$aGFzaA==',
      failedAttempts: 2,
      lockedUntil: null,
      settings: { idleSeconds: 3, warningSeconds: 45, storeName: 'Салон', printer: 42, demoNextLaunch: 'true' },
      log: 'nonsense',
    });
    expect(state).toMatchObject({ enabled: true, failedAttempts: 2, log: [] });
    expect(state.pinHash).toMatch(/^scrypt/);
    expect(state.settings).toEqual({ idleSeconds: 60, warningSeconds: 45, storeName: 'Салон', region: '', printer: null, demoNextLaunch: false });
    expect(parseKioskState(undefined)).toMatchObject({ enabled: false, pinHash: null, settings: { idleSeconds: 60, warningSeconds: 30 } });
  });
});
