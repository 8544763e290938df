import { z } from 'zod';
import { method } from './method';
import { CodeLength, E164Schema, Instant, Kopecks, LocalDate, NoInput, OneTimeCodeInput } from './common';
import { SocialProvider } from './auth';
import { PackageKind } from './account';

export const NotificationPreferences = z.strictObject({
  /** Tell when the balance falls below this many kopecks (1 – 100,000 ₽); null: do not. */
  lowBalanceKopecks: z
    .number({ error: 'expected an amount in kopecks, or null to turn it off' })
    .int('expected whole kopecks')
    .min(100, 'expected at least 1 ₽')
    .max(10_000_000, 'expected at most 100,000 ₽')
    .nullable(),
  /** Tell when a package has this share (%) or less left; null: do not. */
  packagePercent: z.number({ error: 'expected a percentage, or null to turn it off' }).int('expected a whole percentage').min(1, 'expected 1 – 50 %').max(50, 'expected 1 – 50 %').nullable(),
  promisedDue: z.boolean(),
  paymentArrived: z.boolean(),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const ProfileView = z.object({
  name: z.string(),
  /** The confirmed address; null until a code sent to it came back. */
  email: z.string().nullable(),
  emailConfirmed: z.boolean(),
  /** An address waiting for its code. */
  pendingEmail: z.string().nullable(),
  contactAddress: z.string(),
  notifications: NotificationPreferences,
  socialLinks: z.array(z.object({ provider: SocialProvider, linkedAt: Instant })),
});
export type ProfileView = z.infer<typeof ProfileView>;

const Name = z
  .string({ error: 'expected a name' })
  .trim()
  .min(2, 'expected a name of 2 – 100 letters')
  .max(100, 'expected a name of 2 – 100 letters')
  .regex(/^[\p{L}][\p{L}\p{M} .'’-]*$/u, 'expected letters, spaces, hyphens and apostrophes');
const Email = z
  .string({ error: 'expected an e-mail address' })
  .trim()
  .toLowerCase()
  .max(254, 'expected an e-mail address of at most 254 characters')
  .pipe(z.email('expected an e-mail address like name@example.ru'));
const Address = z.string({ error: 'expected an address' }).trim().max(300, 'expected an address of at most 300 characters');
const Code = OneTimeCodeInput('letter');

/** An alert about a line, raised by the subscriber's notification preferences; the window words it, the OS shows it. */
export const LineAlert = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('low-balance'), msisdn: E164Schema, balanceKopecks: Kopecks, thresholdKopecks: Kopecks }),
  z.object({ kind: z.literal('package-low'), msisdn: E164Schema, packageKind: PackageKind, left: z.number().int(), total: z.number().int(), unit: z.string() }),
  z.object({ kind: z.literal('promised-due'), msisdn: E164Schema, owedKopecks: Kopecks, dueAt: Instant }),
  z.object({ kind: z.literal('payment-arrived'), msisdn: E164Schema, amountKopecks: Kopecks, balanceKopecks: Kopecks }),
  /** The period's spend forecast passed the monthly budget the subscriber set (once a period). */
  z.object({ kind: z.literal('budget-over'), msisdn: E164Schema, forecastKopecks: Kopecks, budgetKopecks: Kopecks, periodEnd: LocalDate }),
]);
export type LineAlert = z.infer<typeof LineAlert>;

/** «Профиль и настройки»: name, contacts, notification preferences and linked social accounts. */
export const profile = {
  get: method({ access: 'session', input: NoInput, output: ProfileView }),
  update: method({ access: 'session', input: z.strictObject({ name: Name.optional(), contactAddress: Address.optional() }), output: ProfileView }),
  /** Sends a code to the new address; it becomes the profile's once the code comes back. */
  requestEmailCode: method({ access: 'session', input: z.strictObject({ email: Email }), output: z.object({ expiresAt: Instant, codeLength: CodeLength }) }),
  confirmEmail: method({ access: 'session', input: z.strictObject({ code: Code }), output: ProfileView }),
  setNotifications: method({ access: 'session', input: NotificationPreferences, output: ProfileView }),
  /** Links VK ID / OK / Facebook through the same OAuth flow as sign-in; the end comes as `social.resolved`. */
  linkSocial: method({ access: 'session', input: z.strictObject({ provider: SocialProvider }), output: z.object({ started: z.literal(true) }) }),
  unlinkSocial: method({ access: 'session', input: z.strictObject({ provider: SocialProvider }), output: ProfileView }),
};
