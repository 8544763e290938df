import { z } from 'zod';

/**
 * The closed list of error codes a cabinet call can answer with.
 * The renderer maps each code to words; the message is for logs and developers.
 */
export const errorCodes = {
  VALIDATION: 'The input does not match the method schema; details.fields names each field and what is expected.',
  UNAUTHENTICATED: 'The window has no live session (never signed in, signed out, or the session expired).',
  INVALID_CREDENTIALS: 'The number and password do not match a subscriber. Deliberately the same for an unknown number.',
  FORBIDDEN: 'The caller may not do this (an untrusted sender, or a number that is not attached to the profile).',
  NOT_FOUND: 'The thing asked for does not exist.',
  OTP_EXPIRED: 'The one-time code is older than its lifetime; ask for a new one.',
  OTP_INVALID: 'The one-time code is wrong; details.triesLeft says how many tries remain.',
  RATE_LIMITED: 'Too many attempts; details.retryAfterSeconds says how long to wait.',
  INSUFFICIENT_FUNDS: 'The balance cannot pay for this.',
  NOT_ELIGIBLE: 'The line may not take this action under the operator rules.',
  SIM_BLOCKED: 'The SIM is blocked; SMS and confirmation ways are off.',
  PASSPHRASE_INVALID: 'The passphrase does not open the local store.',
  NOT_CONFIGURED: 'A service this needs is not set up on this computer (no SMS gateway, no card acquirer, no e-wallets, no mail); details.service says which. Nothing was sent or charged.',
  STORE_UNAVAILABLE: 'The store is not open yet, could not be written, or cannot be reached (details.retryAfterSeconds: when to try again). A change whose answer was lost this way is finished by the same call with the same idempotency key.',
  INTERNAL: 'An unexpected fault on the main side; it was logged without the payload.',
} as const;

export type ErrorCode = keyof typeof errorCodes;
export const errorCodeList = Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(errorCodeList);

export interface FieldIssue {
  /** Dotted path of the field in the input, e.g. "phone". */
  field: string;
  /** What is expected there, in plain words. */
  expected: string;
}

export const CabinetErrorSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type CabinetError = z.infer<typeof CabinetErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: CabinetError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message: string, details?: Record<string, unknown>): Result<never> => ({
  ok: false,
  error: details === undefined ? { code, message } : { code, message, details },
});
