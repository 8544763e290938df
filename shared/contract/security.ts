import { z } from 'zod';
import { method } from './method';
import { CodeLength, E164Schema, Instant, Kopecks, LocalDate, LocalizedText, NoInput, OneTimeCodeInput, PhoneInput } from './common';
import { SessionInfo, SignInWay } from './auth';
import { LineStatus } from './account';

export const SimBlockStatus = z.object({
  blocked: z.boolean(),
  /** When it was blocked from the cabinet (null: not blocked, or blocked at the operator's office). */
  since: Instant.nullable(),
  /** The last free day of the block, in the region's calendar. */
  freeUntil: LocalDate.nullable(),
  freeDays: z.number().int(),
  dailyFeeKopecks: Kopecks,
});
export type SimBlockStatus = z.infer<typeof SimBlockStatus>;

export const ActiveSession = z.object({
  /** A public name of the session; the session's id never leaves the main side. */
  handle: z.string(),
  device: z.string(),
  way: SignInWay,
  msisdn: E164Schema,
  signedInAt: Instant,
  lastSeenAt: Instant,
  /** The session of the calling window. */
  current: z.boolean(),
});

export const SignInEntry = z.object({ way: SignInWay, at: Instant, device: z.string(), msisdn: E164Schema });

/** An SMS to or from the number through the operator's SMS centre, with codes hidden, and where it stands. */
export const SmsEntry = z.object({
  at: Instant,
  direction: z.enum(['out', 'in']),
  msisdn: E164Schema,
  /** The text with one-time codes hidden. */
  preview: z.string(),
  parts: z.number().int().min(1),
  status: z.enum(['queued', 'sent', 'delivered', 'undeliverable', 'failed', 'received']),
  /** What the SMS centre last said (a receipt's stat, a refusal's status), or null. */
  detail: z.string().nullable(),
});
export type SmsEntry = z.infer<typeof SmsEntry>;

const Password = z.string({ error: 'expected the password' }).min(1, 'expected the password').max(200);

export const security = {
  /** The current password, then a new one by the sign-in rules; the subscriber's other sessions end. */
  changePassword: method({
    access: 'session',
    input: z.strictObject({ current: Password, next: z.string({ error: 'expected a new password' }).max(200) }),
    output: z.object({ endedOtherSessions: z.number().int() }),
  }),
  sessions: method({ access: 'session', input: NoInput, output: z.array(ActiveSession) }),
  endSession: method({ access: 'session', input: z.strictObject({ handle: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'expected a session handle') }), output: z.array(ActiveSession) }),
  endOtherSessions: method({ access: 'session', input: NoInput, output: z.object({ ended: z.number().int() }) }),
  signInHistory: method({ access: 'session', input: NoInput, output: z.array(SignInEntry) }),
  simBlock: method({ access: 'session', input: NoInput, output: SimBlockStatus }),
  /** «Добровольная блокировка» of the number the window looks at, confirmed by the password. */
  blockSim: method({ access: 'session', input: z.strictObject({ password: Password }), output: SimBlockStatus }),
  unblockSim: method({ access: 'session', input: z.strictObject({ password: Password }), output: SimBlockStatus }),
  /** SMS to and from the number the window looks at, through the SMS centre (none in demo mode), newest first. */
  smsHistory: method({ access: 'session', input: NoInput, output: z.array(SmsEntry) }),
};

export const ProfileNumberView = z.object({
  msisdn: E164Schema,
  ownerName: z.string(),
  relation: z.enum(['own', 'attached']),
  /** The number this window looks at. */
  current: z.boolean(),
  tariffName: LocalizedText,
  balanceKopecks: Kopecks,
  status: LineStatus,
});
export type ProfileNumberView = z.infer<typeof ProfileNumberView>;

const Code = OneTimeCodeInput('SMS');

/**
 * Several numbers in one profile. Methods that act on a number of the profile take it as `msisdn`, and a
 * number the profile does not hold is FORBIDDEN; a number to attach (not in the profile yet) is `number`.
 */
export const numbers = {
  list: method({ access: 'session', input: NoInput, output: z.array(ProfileNumberView) }),
  requestAttach: method({ access: 'session', input: z.strictObject({ number: PhoneInput }), output: z.object({ expiresAt: Instant, codeLength: CodeLength }) }),
  confirmAttach: method({ access: 'session', input: z.strictObject({ number: PhoneInput, code: Code }), output: z.array(ProfileNumberView) }),
  /** Points this window at another number of the profile: every section follows it. */
  switch: method({ access: 'session', input: z.strictObject({ msisdn: PhoneInput }), output: SessionInfo }),
  detach: method({ access: 'session', input: z.strictObject({ msisdn: PhoneInput }), output: z.array(ProfileNumberView) }),
};
