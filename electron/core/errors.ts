/**
 * The refusals the domain can give. The IPC contract's closed list (shared/contract/errors.ts) has these and the
 * transport's own (VALIDATION, UNAUTHENTICATED, FORBIDDEN, INTERNAL …); `electron/ipc/modelChecks.ts` has the
 * compiler prove every one of these is on it.
 */
export type ErrorCode =
  | 'VALIDATION'
  | 'UNAUTHENTICATED'
  | 'INVALID_CREDENTIALS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'OTP_EXPIRED'
  | 'OTP_INVALID'
  | 'RATE_LIMITED'
  | 'INSUFFICIENT_FUNDS'
  | 'NOT_ELIGIBLE'
  | 'SIM_BLOCKED'
  | 'PASSPHRASE_INVALID'
  | 'NOT_CONFIGURED'
  | 'STORE_UNAVAILABLE'
  | 'INTERNAL';

/**
 * A rule of the domain said no. The dispatcher turns it into `{ ok: false, error: { code, … } }`;
 * anything else thrown is a fault and becomes INTERNAL.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class InvalidCredentialsError extends DomainError {
  constructor(details?: Record<string, unknown>) {
    super('INVALID_CREDENTIALS', 'The number and password do not match', details);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(reason = 'No live session for this window') {
    super('UNAUTHENTICATED', reason);
  }
}

export class StoreUnavailableError extends DomainError {
  /** `retryAfterSeconds`: when trying again may help (a lost connection to the shared store). */
  constructor(message: string, details?: { retryAfterSeconds?: number; state?: string }) {
    super('STORE_UNAVAILABLE', message, details);
  }
}

/** The operator's services a computer may have no adapter for (the ports stay; real adapters come later). */
export type OptionalService = 'sms' | 'card-payments' | 'wallets' | 'mail';

const serviceWords: Record<OptionalService, string> = {
  sms: 'SMS codes and phone confirmations are',
  'card-payments': 'card payments are',
  wallets: 'e-wallet payments are',
  mail: 'e-mail is',
};

/** Outside demo mode, a service no adapter was configured for: refused before anything is written, sent or charged. */
export class NotConfiguredError extends DomainError {
  constructor(readonly service: OptionalService) {
    super('NOT_CONFIGURED', `${serviceWords[service]} not set up on this computer`, { service });
  }
}

/** A port whose adapter says it is not configured (`configured: false`) refuses with NOT_CONFIGURED. */
export function requireConfigured(port: { readonly configured?: boolean }, service: OptionalService): void {
  if (port.configured === false) throw new NotConfiguredError(service);
}
