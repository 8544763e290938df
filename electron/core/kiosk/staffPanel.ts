import { defaultKioskSettings, type KioskSettings, type KioskStatus, type StaffAction, type StaffLogEntry } from './model';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { KioskConfigStore, KioskState, PinHasher } from './ports';

export const MAX_PIN_ATTEMPTS = 5;
export const PIN_LOCKOUT_MS = 15 * 60_000;
/** An unlocked panel locks itself after this long without a staff call. */
export const STAFF_GRANT_MS = 5 * 60_000;
/** The log keeps this many newest lines. */
export const STAFF_LOG_LIMIT = 500;

/**
 * The staff side of a kiosk: the PIN set on the first start, unlocking the panel (5 wrong PINs lock it
 * for 15 minutes, even across restarts), the settings staff change, leaving the kiosk profile, and a
 * log of every staff action. An unlocked panel belongs to one window and expires on its own.
 */
export class KioskStaffPanel {
  private readonly grants = new Map<string, number>();

  constructor(
    private readonly store: KioskConfigStore,
    private readonly hasher: PinHasher,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.store.read().enabled;
  }

  settings(): KioskSettings {
    return { ...defaultKioskSettings, ...this.store.read().settings };
  }

  /** Turns the kiosk profile on (the `--kiosk` switch or a staff action); logged once per start. */
  enable(): void {
    this.change('kiosk-started', '', (state) => ({ ...state, enabled: true }));
  }

  status(windowId: string): KioskStatus {
    const state = this.store.read();
    const settings = this.settings();
    const lockedUntil = this.lockedUntil(state);
    return {
      enabled: state.enabled,
      pinSet: state.pinHash !== null,
      panel: lockedUntil !== null ? 'locked-out' : this.hasGrant(windowId) ? 'unlocked' : 'locked',
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
      attemptsLeft: lockedUntil !== null ? 0 : MAX_PIN_ATTEMPTS - state.failedAttempts,
      idleSeconds: settings.idleSeconds,
      warningSeconds: settings.warningSeconds,
      storeName: settings.storeName,
      region: settings.region,
    };
  }

  /** The first start of a kiosk: sets the PIN and unlocks the panel for the window that set it. */
  async setPin(windowId: string, pin: string): Promise<void> {
    this.requireKiosk();
    if (this.store.read().pinHash !== null) throw new DomainError('FORBIDDEN', 'a staff PIN is already set; change it from the staff panel', { reason: 'pin-set' });
    const pinHash = await this.hasher.hash(pin);
    // Two windows racing to set the first PIN: the first one wins.
    if (this.store.read().pinHash !== null) throw new DomainError('FORBIDDEN', 'a staff PIN is already set', { reason: 'pin-set' });
    this.change('pin-set', '', (state) => ({ ...state, pinHash, failedAttempts: 0, lockedUntil: null }));
    this.grant(windowId);
  }

  async unlock(windowId: string, pin: string): Promise<void> {
    this.requireKiosk();
    await this.checkPin(pin);
    this.change('panel-unlocked', '', (state) => state);
    this.grant(windowId);
  }

  /** Staff change the PIN from an unlocked panel, typing the current one again; every other window's panel locks. */
  async changePin(windowId: string, current: string, next: string): Promise<void> {
    this.requireStaff(windowId);
    await this.checkPin(current);
    const pinHash = await this.hasher.hash(next);
    this.change('pin-changed', '', (state) => ({ ...state, pinHash }));
    this.grants.clear();
    this.grant(windowId);
  }

  /**
   * The PIN check behind the panel: 5 wrong PINs in a row lock it for 15 minutes (and every window's panel with
   * it), kept in the kiosk's config so a restart does not reset the count.
   */
  private async checkPin(pin: string): Promise<void> {
    const before = this.store.read();
    if (before.pinHash === null) throw new DomainError('NOT_ELIGIBLE', 'set the staff PIN first', { reason: 'no-pin' });
    this.refuseWhileLockedOut(before);
    // The attempt is counted before the slow check, so parallel guesses cannot get past the limit.
    if (before.failedAttempts >= MAX_PIN_ATTEMPTS) throw lockedOutError(PIN_LOCKOUT_MS);
    const attempt = before.failedAttempts + 1;
    this.store.write({ ...before, failedAttempts: attempt });
    if (await this.hasher.verify(pin, before.pinHash)) {
      this.store.write({ ...this.store.read(), failedAttempts: 0, lockedUntil: null });
      return;
    }
    if (attempt >= MAX_PIN_ATTEMPTS) {
      const lockedUntil = this.clock.now() + PIN_LOCKOUT_MS;
      this.change('panel-locked-out', `${MAX_PIN_ATTEMPTS} wrong PINs`, (state) => ({ ...state, failedAttempts: 0, lockedUntil }));
      this.grants.clear();
      throw lockedOutError(PIN_LOCKOUT_MS);
    }
    this.change('pin-wrong', `${MAX_PIN_ATTEMPTS - attempt} left`, (state) => state);
    throw new DomainError('FORBIDDEN', 'the staff PIN is wrong', { reason: 'wrong-pin', attemptsLeft: MAX_PIN_ATTEMPTS - attempt });
  }

  lock(windowId: string): void {
    if (this.grants.delete(windowId)) this.change('panel-locked', '', (state) => state);
  }

  /** Throws unless this window holds an unlocked panel; each staff call keeps it unlocked a while longer. */
  requireStaff(windowId: string): void {
    this.requireKiosk();
    if (!this.hasGrant(windowId)) throw new DomainError('FORBIDDEN', 'unlock the staff panel with the PIN first', { reason: 'staff-only' });
    this.grant(windowId);
  }

  log(): StaffLogEntry[] {
    return this.store
      .read()
      .log.slice()
      .reverse()
      .map((entry) => ({ at: new Date(entry.at).toISOString(), action: entry.action, detail: entry.detail }));
  }

  updateSettings(windowId: string, patch: Partial<KioskSettings>): KioskSettings {
    this.requireStaff(windowId);
    const before = this.settings();
    const next: KioskSettings = { ...before };
    const changes: string[] = [];
    for (const key of Object.keys(patch) as Array<keyof KioskSettings>) {
      const value = patch[key];
      if (value === undefined || value === before[key]) continue;
      Object.assign(next, { [key]: value });
      changes.push(`${key}: ${String(before[key] ?? '—')} → ${String(value ?? '—')}`);
    }
    if (changes.length > 0) this.change('settings-changed', changes.join('; '), (state) => ({ ...state, settings: next }));
    return next;
  }

  /** Leaves the kiosk profile; the panel locks for every window. */
  exit(windowId: string): void {
    this.requireStaff(windowId);
    this.change('kiosk-exited', '', (state) => ({ ...state, enabled: false }));
    this.grants.clear();
  }

  windowGone(windowId: string): void {
    this.grants.delete(windowId);
  }

  private requireKiosk(): void {
    if (!this.enabled) throw new DomainError('NOT_ELIGIBLE', 'this computer does not run the kiosk profile', { reason: 'not-kiosk' });
  }

  private hasGrant(windowId: string): boolean {
    const until = this.grants.get(windowId);
    if (until === undefined) return false;
    if (until > this.clock.now() && this.lockedUntil(this.store.read()) === null) return true;
    this.grants.delete(windowId);
    return false;
  }

  private grant(windowId: string): void {
    this.grants.set(windowId, this.clock.now() + STAFF_GRANT_MS);
  }

  private lockedUntil(state: KioskState): number | null {
    return state.lockedUntil !== null && state.lockedUntil > this.clock.now() ? state.lockedUntil : null;
  }

  private refuseWhileLockedOut(state: KioskState): void {
    const until = this.lockedUntil(state);
    if (until !== null) throw lockedOutError(until - this.clock.now());
  }

  private change(action: StaffAction, detail: string, update: (state: KioskState) => KioskState): void {
    const next = update(this.store.read());
    const log = [...next.log, { at: this.clock.now(), action, detail }].slice(-STAFF_LOG_LIMIT);
    this.store.write({ ...next, log });
  }
}

function lockedOutError(remainingMs: number): DomainError {
  return new DomainError('RATE_LIMITED', 'too many wrong staff PINs; the panel is locked for a while', {
    reason: 'pin-locked-out',
    retryAfterSeconds: Math.max(1, Math.ceil(remainingMs / 1000)),
  });
}
