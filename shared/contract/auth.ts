import { z } from 'zod';
import { method } from './method';
import { CodeLength, E164Schema, Instant, NoInput, OneTimeCodeInput, PhoneInput } from './common';

/** How a session was opened; kept in the sign-in history. */
export const SignInWay = z.enum(['password', 'code', 'registration', 'recovery', 'confirmation', 'puk', 'social']);
export type SignInWay = z.infer<typeof SignInWay>;

export const SessionInfo = z.object({
  msisdn: E164Schema,
  subscriberName: z.string(),
  way: SignInWay,
  signedInAt: Instant,
  /** The session ends at this instant unless the window is used again. */
  idleExpiresAt: Instant,
  /** The session ends at this instant whatever happens. */
  absoluteExpiresAt: Instant,
  /** Registration, recovery and PUK sign-ins must set a password before anything else. */
  mustSetPassword: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PasswordInput = z
  .string({ error: 'expected the password as text' })
  .min(1, 'expected the password, it is empty')
  .max(128, 'expected a password of at most 128 characters');

/** What an SMS code is for: signing in with it, registering (first sign-in), or recovering a password. */
export const CodePurpose = z.enum(['sign-in', 'register', 'recover']);
export type CodePurpose = z.infer<typeof CodePurpose>;

const CodeInput = OneTimeCodeInput('SMS');
const PukInput = z.string({ error: 'expected the 8-digit PUK' }).regex(/^\d{8}$/, 'expected the 8 digits of the PUK from the SIM card holder');

export const CodeSent = z.object({
  /** The code stops working at this instant. */
  expiresAt: Instant,
  /** A new code can be asked for from this instant. */
  resendAvailableAt: Instant,
  /** The digits of the code in the SMS (the operator data's length); the code input takes exactly this many. */
  codeLength: CodeLength,
});
export type CodeSent = z.infer<typeof CodeSent>;

export const ConfirmationStarted = z.object({ expiresAt: Instant });

/** Social sign-in providers; each is configured (client id, endpoints) in the app's settings. */
export const SocialProvider = z.enum(['vk', 'ok', 'facebook']);
export type SocialProvider = z.infer<typeof SocialProvider>;

export const auth = {
  signInWithPassword: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput, password: PasswordInput }),
    output: SessionInfo,
  }),
  requestCode: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput, purpose: CodePurpose }),
    output: CodeSent,
  }),
  signInWithCode: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput, purpose: CodePurpose, code: CodeInput }),
    output: SessionInfo,
  }),
  signInWithPuk: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput, puk: PukInput }),
    output: SessionInfo,
  }),
  /** Passwordless: the phone asks "press 1 to confirm"; the answer arrives as the `confirmation.resolved` event. */
  startConfirmation: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput }),
    output: ConfirmationStarted,
  }),
  cancelConfirmation: method({
    access: 'public',
    input: NoInput,
    output: z.object({ cancelled: z.boolean() }),
  }),
  socialProviders: method({
    access: 'public',
    input: NoInput,
    output: z.array(z.object({ id: SocialProvider, configured: z.boolean() })),
  }),
  /** Opens the provider's page in the system browser; the result arrives as the `social.resolved` event. */
  startSocialSignIn: method({
    access: 'public',
    input: z.strictObject({ provider: SocialProvider }),
    output: z.object({ started: z.literal(true) }),
  }),
  cancelSocialSignIn: method({
    access: 'public',
    input: NoInput,
    output: z.object({ cancelled: z.boolean() }),
  }),
  /**
   * Sets the password: right after a registration, recovery or PUK sign-in without `current` (for 10 minutes),
   * otherwise with the current password. Every other session of the subscriber ends.
   */
  setPassword: method({
    access: 'session',
    input: z.strictObject({ password: PasswordInput, current: PasswordInput.optional() }),
    output: SessionInfo,
  }),
  signOut: method({
    access: 'public',
    input: NoInput,
    output: z.object({ signedOut: z.boolean() }),
  }),
  /** Ends every session of the subscriber, in every window. */
  signOutEverywhere: method({
    access: 'session',
    input: NoInput,
    output: z.object({ ended: z.number().int().nonnegative() }),
  }),
  currentSession: method({
    access: 'public',
    input: NoInput,
    output: SessionInfo.nullable(),
  }),
};
