import { z } from 'zod';
import { method } from './method';
import { E164Schema, Instant, NoInput, PhoneInput } from './common';

export const SessionInfo = z.object({
  msisdn: E164Schema,
  subscriberName: z.string(),
  signedInAt: Instant,
  /** The session ends at this instant unless the window is used again. */
  idleExpiresAt: Instant,
  /** The session ends at this instant whatever happens. */
  absoluteExpiresAt: Instant,
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const PasswordInput = z
  .string({ error: 'expected the password as text' })
  .min(1, 'expected the password, it is empty')
  .max(128, 'expected a password of at most 128 characters');

export const auth = {
  signInWithPassword: method({
    access: 'public',
    input: z.strictObject({ phone: PhoneInput, password: PasswordInput }),
    output: SessionInfo,
  }),
  signOut: method({
    access: 'public',
    input: NoInput,
    output: z.object({ signedOut: z.boolean() }),
  }),
  currentSession: method({
    access: 'public',
    input: NoInput,
    output: SessionInfo.nullable(),
  }),
};
