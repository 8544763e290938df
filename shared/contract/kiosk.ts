import { z } from 'zod';
import { method } from './method';
import { Instant, NoInput } from './common';

/** What staff may set, and the bounds: a walk-in subscriber needs time to read; a shared screen must not wait forever. */
export const KIOSK_LIMITS = {
  idleSeconds: { min: 10, max: 1800 },
  warningSeconds: { min: 5, max: 300 },
  text: 80,
  printer: 200,
} as const;

export const IdleSeconds = z
  .number({ error: `expected whole seconds, ${KIOSK_LIMITS.idleSeconds.min}–${KIOSK_LIMITS.idleSeconds.max}` })
  .int(`expected whole seconds, ${KIOSK_LIMITS.idleSeconds.min}–${KIOSK_LIMITS.idleSeconds.max}`)
  .min(KIOSK_LIMITS.idleSeconds.min, `expected at least ${KIOSK_LIMITS.idleSeconds.min} seconds`)
  .max(KIOSK_LIMITS.idleSeconds.max, `expected at most ${KIOSK_LIMITS.idleSeconds.max} seconds`);
export const WarningSeconds = z
  .number({ error: `expected whole seconds, ${KIOSK_LIMITS.warningSeconds.min}–${KIOSK_LIMITS.warningSeconds.max}` })
  .int(`expected whole seconds, ${KIOSK_LIMITS.warningSeconds.min}–${KIOSK_LIMITS.warningSeconds.max}`)
  .min(KIOSK_LIMITS.warningSeconds.min, `expected at least ${KIOSK_LIMITS.warningSeconds.min} seconds`)
  .max(KIOSK_LIMITS.warningSeconds.max, `expected at most ${KIOSK_LIMITS.warningSeconds.max} seconds`);
const ShortText = z.string().trim().max(KIOSK_LIMITS.text, `expected at most ${KIOSK_LIMITS.text} characters`);

export const KioskSettings = z.object({
  /** Seconds without a touch or a key before the warning. */
  idleSeconds: IdleSeconds,
  /** Seconds the warning counts down before the session ends. */
  warningSeconds: WarningSeconds,
  storeName: ShortText,
  region: ShortText,
  /** The receipt printer's system name; null: the system's default printer. */
  printer: z.string().max(KIOSK_LIMITS.printer).nullable(),
  /**
   * «Демо-режим при следующем запуске»: staff's approval of demo mode (the test acquirer, the virtual handset), which
   * an installed build needs. Written only through the PIN-unlocked staff panel; read by the main process at start.
   */
  demoNextLaunch: z.boolean(),
});
export type KioskSettings = z.infer<typeof KioskSettings>;


/** The staff PIN: digits only, so the on-screen keypad can type it. */
export const StaffPin = z
  .string({ error: 'expected 4 to 8 digits' })
  .regex(/^\d{4,8}$/, 'expected 4 to 8 digits')
  .refine((pin) => !/^(\d)\1+$/.test(pin), 'expected not one digit repeated')
  .refine((pin) => !'0123456789'.includes(pin) && !'9876543210'.includes(pin), 'expected not a run like 1234');

export const StaffAction = z.enum([
  'kiosk-started',
  'pin-set',
  'pin-changed',
  'panel-unlocked',
  'pin-wrong',
  'panel-locked-out',
  'panel-locked',
  'settings-changed',
  'kiosk-exited',
]);
export type StaffAction = z.infer<typeof StaffAction>;

/** One line of the staff log: what staff did and when; never anything of a subscriber. */
export const StaffLogEntry = z.object({ at: Instant, action: StaffAction, detail: z.string() });
export type StaffLogEntry = z.infer<typeof StaffLogEntry>;

export const KioskStatus = z.object({
  /** This computer runs the kiosk profile. */
  enabled: z.boolean(),
  /** A staff PIN has been set (the kiosk asks for one on its first start). */
  pinSet: z.boolean(),
  /** The staff panel as this window sees it. */
  panel: z.enum(['locked', 'unlocked', 'locked-out']),
  /** While locked out after wrong PINs: until when. */
  lockedUntil: Instant.nullable(),
  attemptsLeft: z.number().int(),
  idleSeconds: z.number().int(),
  warningSeconds: z.number().int(),
  storeName: z.string(),
  region: z.string(),
});
export type KioskStatus = z.infer<typeof KioskStatus>;

export const PrinterInfo = z.object({ name: z.string(), displayName: z.string(), isDefault: z.boolean() });
export type PrinterInfo = z.infer<typeof PrinterInfo>;

/** What an unlocked staff panel shows. */
export const StaffPanel = z.object({ settings: KioskSettings, printers: z.array(PrinterInfo), log: z.array(StaffLogEntry) });
export type StaffPanel = z.infer<typeof StaffPanel>;

export const kiosk = {
  /** Public: whether this is a kiosk, and what the start screen and the idle timer need. */
  status: method({ access: 'public', input: NoInput, output: KioskStatus }),
  /** The first kiosk start: the PIN staff will unlock the panel with. Refused once a PIN exists. */
  setPin: method({
    access: 'public',
    input: z.strictObject({ pin: StaffPin, repeat: z.string() }).refine((input) => input.pin === input.repeat, { path: ['repeat'], message: 'expected the same PIN again' }),
    output: KioskStatus,
  }),
  /** Staff only: a new PIN, after the current one again (a wrong current PIN counts towards the lockout). */
  changePin: method({
    access: 'public',
    input: z
      .strictObject({ current: z.string().regex(/^\d{1,8}$/, 'expected up to 8 digits'), pin: StaffPin, repeat: z.string() })
      .refine((input) => input.pin === input.repeat, { path: ['repeat'], message: 'expected the same PIN again' })
      .refine((input) => input.pin !== input.current, { path: ['pin'], message: 'expected a PIN other than the current one' }),
    output: StaffPanel,
  }),
  /** 5 wrong PINs lock the panel for 15 minutes (RATE_LIMITED, details.retryAfterSeconds). */
  unlockPanel: method({ access: 'public', input: z.strictObject({ pin: z.string().regex(/^\d{1,8}$/, 'expected up to 8 digits') }), output: StaffPanel }),
  lockPanel: method({ access: 'public', input: NoInput, output: KioskStatus }),
  /** Staff only (an unlocked panel in this window). */
  panel: method({ access: 'public', input: NoInput, output: StaffPanel }),
  updateSettings: method({
    access: 'public',
    input: z.strictObject({
      idleSeconds: IdleSeconds.optional(),
      warningSeconds: WarningSeconds.optional(),
      storeName: ShortText.optional(),
      region: ShortText.optional(),
      printer: z.string().max(KIOSK_LIMITS.printer).nullable().optional(),
      demoNextLaunch: z.boolean({ error: 'expected true or false' }).optional(),
    }),
    output: StaffPanel,
  }),
  /** Staff only: the computer leaves the kiosk profile (the app restarts as a normal cabinet). */
  exit: method({ access: 'public', input: NoInput, output: z.object({ exited: z.literal(true) }) }),
  /** Ends the subscriber's visit: the session closes and the window's storage is wiped on the main side. */
  endSession: method({ access: 'public', input: NoInput, output: z.object({ ended: z.boolean() }) }),
  /** Prints the payment's receipt on the kiosk's printer, once; `copy` prints it again. */
  printReceipt: method({
    access: 'session',
    input: z.strictObject({ paymentId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a payment id'), copy: z.boolean().default(false) }),
    output: z.object({ printed: z.boolean(), printer: z.string().nullable() }),
  }),
};
