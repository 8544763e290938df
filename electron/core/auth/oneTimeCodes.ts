import { randomBytes, randomInt } from 'node:crypto';
import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import type { OtpPurpose, OtpChallenge } from './ports';
import type { SecretHasher } from './secretHash';

export const CODE_RULES = {
  lifetimeMs: 10 * 60_000,
  triesPerCode: 3,
  resendAfterMs: 60_000,
  codesPerHour: 5,
  codesPerDay: 10,
  /** After a code is voided by wrong tries, the next one of its family waits this long, doubling per void, … */
  firstLockoutMs: 60 * 60_000,
  /** … up to a day; a code used rightly, or 30 days without one, starts the ladder again. */
  maxLockoutMs: 24 * 60 * 60_000,
  ladderMemoryMs: 30 * 24 * 60 * 60_000,
} as const;
const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

/** The operator's code length (codes.json): 4 digits as the operator sends today, or 6. */
export type CodeDigits = 4 | 6;

export interface IssuedCode {
  code: string;
  challenge: OtpChallenge;
}

/**
 * What a code confirms beyond its purpose: `id` names the object (a transfer's payment id, a profile), `terms`
 * are what the message told the person (amount and recipient). Both go into the code's keyed hash: the code
 * confirms that object on those terms and nothing else.
 */
export interface CodeSubject {
  id: string;
  terms: string;
}

/** The ways in (sign-in, registration, recovery): the code is about the number itself. */
export const THE_NUMBER_ITSELF: CodeSubject = { id: '', terms: '' };

const WAYS_IN: ReadonlySet<OtpPurpose> = new Set(['sign-in', 'register', 'recover']);
/** Codes that count against one hourly budget: the ways in share one; a signed-in purpose has its own, so strangers asking for sign-in codes cannot starve a transfer. */
const budgetOf = (purpose: OtpPurpose) => (WAYS_IN.has(purpose) ? 'way-in' : purpose);

/**
 * One-time SMS codes: 4 or 6 digits as the operator data says, 10 minutes, single use, void after 3 wrong tries. A code is issued for
 * (number, purpose, subject): a new one voids only the earlier one for the same three, so a recovery code
 * asked for by anyone leaves a pending transfer's code alone. A new code for the same subject after 60 s;
 * at most 5 an hour and 10 a day per number and budget. Each code voided by wrong tries makes the next
 * one of its budget wait (1 h, 2 h, 4 h … up to a day), counted from the stored codes in the same transaction. Only a keyed hash is stored. Both calls run inside the
 * caller's unit of work, so a check and its consequence are one transaction.
 */
export class OneTimeCodes {
  constructor(
    private readonly hasher: SecretHasher,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    readonly digits: CodeDigits = 4,
  ) {}

  /**
   * `sent: false` issues the same challenge for a number that will get no SMS (not ours, blocked, or not eligible
   * for the purpose), with the same checks and writes and one hash as always, but of a secret no code can match:
   * its tries, voids and waits then answer exactly as a subscriber's would.
   */
  issue(repos: Repositories, msisdn: E164, purpose: OtpPurpose, subject: CodeSubject = THE_NUMBER_ITSELF, sent = true): Promise<IssuedCode> {
    return this.issueCode(repos, msisdn, purpose, subject, true, sent);
  }

  /**
   * A new code in place of one whose message never left (the answer of the call that wrote it was lost before
   * its SMS was sent, or the sending failed): bound to the same subject and terms, the earlier code voided. The
   * hourly, daily and lockout limits count it as any code; the 60 s wait does not apply, the person never got
   * the earlier one.
   */
  reissueUnsent(repos: Repositories, msisdn: E164, purpose: OtpPurpose, subject: CodeSubject): Promise<IssuedCode> {
    return this.issueCode(repos, msisdn, purpose, subject, false, true);
  }

  /** Records that the code's message was handed to the SMS centre (now). */
  markSent(repos: Repositories, challengeId: string): Promise<void> {
    return repos.otps.markSent(challengeId, this.clock.now());
  }

  private async issueCode(repos: Repositories, msisdn: E164, purpose: OtpPurpose, subject: CodeSubject, waitAfterLast: boolean, sent: boolean): Promise<IssuedCode> {
    const now = this.clock.now();
    const remembered = (await repos.otps.createdSince(msisdn, now - CODE_RULES.ladderMemoryMs + 1)).filter(
      (earlier) => budgetOf(earlier.purpose) === budgetOf(purpose),
    );
    const lockedFor = lockoutLeft(remembered, now);
    if (lockedFor > 0) throw rateLimited(lockedFor, 'too many wrong codes for this number, the next code waits longer each time');
    const today = remembered.filter((earlier) => earlier.createdAt > now - DAY);
    if (today.length >= CODE_RULES.codesPerDay) {
      throw rateLimited(today[0]!.createdAt + DAY - now, 'at most 10 codes a day');
    }
    const recent = today.filter((earlier) => earlier.createdAt > now - HOUR);
    if (recent.length >= CODE_RULES.codesPerHour) {
      throw rateLimited(recent[0]!.createdAt + HOUR - now, 'at most 5 codes an hour');
    }
    const last = recent.filter((earlier) => earlier.purpose === purpose && earlier.subject === subject.id).at(-1);
    if (waitAfterLast && last && now - last.createdAt < CODE_RULES.resendAfterMs) {
      throw rateLimited(last.createdAt + CODE_RULES.resendAfterMs - now, 'a new code can be asked for after 60 s');
    }
    await repos.otps.voidActive(msisdn, purpose, subject.id);
    // A code replacing one made this very millisecond (a retry) is still the newer: the newest is the one that counts.
    const createdAt = last ? Math.max(now, last.createdAt + 1) : now;
    const id = this.ids.next('otp');
    const code = String(randomInt(0, 10 ** this.digits)).padStart(this.digits, '0');
    const challenge: OtpChallenge = {
      id,
      msisdn,
      purpose,
      subject: subject.id,
      codeHash: this.hasher.hash(hashContext(id, purpose, subject), sent ? code : randomBytes(32).toString('base64')),
      createdAt,
      expiresAt: createdAt + CODE_RULES.lifetimeMs,
      failedAttempts: 0,
      state: 'active',
      sentAt: null,
    };
    await repos.otps.add(challenge);
    return { code, challenge };
  }

  /** The newest code issued for this number, purpose and subject (to answer a retried request with its expiry). */
  latest(repos: Repositories, msisdn: E164, purpose: OtpPurpose, subject: CodeSubject = THE_NUMBER_ITSELF): Promise<OtpChallenge | null> {
    return repos.otps.latestFor(msisdn, purpose, subject.id);
  }

  /**
   * Accepts the code once, for the subject on the terms it was issued for. A refusal is returned, not thrown,
   * so that the caller commits what it changed (a counted wrong try, a voided code) before telling the person
   * what to do next.
   */
  async redeem(repos: Repositories, msisdn: E164, purpose: OtpPurpose, code: string, subject: CodeSubject = THE_NUMBER_ITSELF): Promise<DomainError | null> {
    if (code.length !== this.digits) {
      // Not a try: a code of the other length cannot be right, and counting it would void codes by typos.
      return new DomainError('VALIDATION', `code: expected the ${this.digits} digits of the code`, {
        fields: [{ field: 'code', expected: `the ${this.digits} digits of the code` }],
      });
    }
    const challenge = await repos.otps.latestFor(msisdn, purpose, subject.id);
    if (!challenge) {
      return new DomainError('OTP_INVALID', 'no code was sent for this; ask for a code', { triesLeft: 0 });
    }
    if (challenge.state === 'used') return new DomainError('OTP_EXPIRED', 'this code was already used; ask for a new one');
    if (challenge.state === 'void') return new DomainError('OTP_INVALID', 'too many wrong tries; ask for a new code', { triesLeft: 0 });
    if (this.clock.now() >= challenge.expiresAt) return new DomainError('OTP_EXPIRED', 'the code is older than 10 minutes; ask for a new one');
    // Changed terms (another amount or recipient under the same transfer) make the hash differ: a wrong try.
    if (!this.hasher.matches(hashContext(challenge.id, purpose, subject), code, challenge.codeHash)) {
      const failedAttempts = challenge.failedAttempts + 1;
      const triesLeft = Math.max(0, CODE_RULES.triesPerCode - failedAttempts);
      await repos.otps.update(challenge.id, { failedAttempts, state: triesLeft === 0 ? 'void' : 'active' });
      return new DomainError('OTP_INVALID', triesLeft > 0 ? 'wrong code' : 'wrong code; that was the last try, ask for a new code', { triesLeft });
    }
    await repos.otps.update(challenge.id, { failedAttempts: challenge.failedAttempts, state: 'used' });
    return null;
  }
}

/**
 * What is left of the wait the ladder puts on the next code: the codes voided by wrong tries since the last one
 * used rightly count; the k-th waits firstLockoutMs·2^(k−1), at most maxLockoutMs, from the end of its life (a void
 * happens before then, so the wait is never shorter than the ladder says).
 */
function lockoutLeft(remembered: readonly OtpChallenge[], now: number): number {
  const lastUsed = remembered.findLastIndex((earlier) => earlier.state === 'used');
  const voided = remembered.slice(lastUsed + 1).filter((earlier) => earlier.state === 'void' && earlier.failedAttempts >= CODE_RULES.triesPerCode);
  const last = voided.at(-1);
  if (!last) return 0;
  const wait = Math.min(CODE_RULES.maxLockoutMs, CODE_RULES.firstLockoutMs * 2 ** (voided.length - 1));
  return last.expiresAt + wait - now;
}

function hashContext(challengeId: string, purpose: OtpPurpose, subject: CodeSubject): string {
  return [challengeId, purpose, subject.id, subject.terms].join('\0');
}

function rateLimited(ms: number, why: string): DomainError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new DomainError('RATE_LIMITED', `${why}; try again in ${seconds} s`, { retryAfterSeconds: seconds });
}
