import type { ErrorCode } from '../../shared/contract/errors';

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
