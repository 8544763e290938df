import { DateTime } from 'luxon';
import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { Repositories } from '../unitOfWork';
import type { GuardEventKind } from './ports';

/** The operator data's limits (codes.json, signInLimits), with the day region's time zone resolved. */
export interface SignInLimits {
  /** The daily limits count calendar days in this time zone, the same for every number. */
  dayTimeZone: string;
  /** Messages sent to a phone before sign-in: SMS codes of the ways in and passwordless prompts. */
  messages: { perNumberPerHour: number; perNumberPerDay: number; perDevicePerHour: number; perDevicePerDay: number };
  /** Codes and PUKs tried. */
  verifies: { perDevicePerHour: number; perDevicePerDay: number };
}

const HOUR = 60 * 60_000;
const DAY = 24 * HOUR;

type Limit = 'number-hour' | 'number-day' | 'device-hour' | 'device-day';

/**
 * Counts, before anything is known about the number, what reaches a phone and what is tried: per number, per
 * device (the window's computer, as the sign-in history names it), in a rolling hour and in a calendar day.
 * Served, unserved, ineligible and blocked numbers are counted alike, so a refusal tells nothing about the number.
 * Every call runs inside the caller's unit of work: the count and the event it admits are one transaction.
 */
export class SignInGuard {
  constructor(
    private readonly clock: Clock,
    private readonly limits: SignInLimits,
  ) {}

  /** Admits one message to `msisdn` asked for from `device`, or refuses with RATE_LIMITED and when to try again. */
  async admitMessage(repos: Repositories, msisdn: E164, device: string): Promise<void> {
    const { messages } = this.limits;
    await this.admit(repos, 'message', msisdn, device, [
      ['number-hour', messages.perNumberPerHour],
      ['number-day', messages.perNumberPerDay],
      ['device-hour', messages.perDevicePerHour],
      ['device-day', messages.perDevicePerDay],
    ]);
  }

  /** Admits one try of a code or a PUK from `device` (a code's own 3 tries and the number's ladder are OneTimeCodes'). */
  async admitVerify(repos: Repositories, msisdn: E164, device: string): Promise<void> {
    const { verifies } = this.limits;
    await this.admit(repos, 'verify', msisdn, device, [
      ['device-hour', verifies.perDevicePerHour],
      ['device-day', verifies.perDevicePerDay],
    ]);
  }

  private async admit(repos: Repositories, kind: GuardEventKind, msisdn: E164, device: string, limits: Array<[Limit, number]>): Promise<void> {
    const now = this.clock.now();
    const today = DateTime.fromMillis(now, { zone: this.limits.dayTimeZone }).startOf('day');
    const dayStart = today.toMillis();
    const nextDay = today.plus({ days: 1 }).toMillis();
    const since = Math.min(dayStart, now - HOUR + 1);
    const byNumber = limits.some(([limit]) => limit.startsWith('number')) ? await repos.signInGuard.timesForNumber(kind, msisdn, since) : [];
    const byDevice = await repos.signInGuard.timesForDevice(kind, device, since);
    let refusal: { limit: Limit; waitMs: number } | null = null;
    for (const [limit, most] of limits) {
      const times = limit.startsWith('number') ? byNumber : byDevice;
      const waitMs = limit.endsWith('hour') ? hourWait(times, most, now) : times.filter((at) => at >= dayStart).length >= most ? nextDay - now : 0;
      if (waitMs > 0 && waitMs > (refusal?.waitMs ?? 0)) refusal = { limit, waitMs };
    }
    if (refusal) throw limitReached(kind, refusal.limit, now, refusal.waitMs);
    // Old counts are swept with each message admitted (at most a few hundred a day per device), not with each try.
    if (kind === 'message') await repos.signInGuard.forgetCountedBefore(now - 2 * DAY);
    await repos.signInGuard.add({ kind, msisdn, device, at: now });
  }
}

/** How long until fewer than `most` of `times` fall in the hour before: when the oldest that keeps the count full leaves it. */
function hourWait(times: readonly number[], most: number, now: number): number {
  const inHour = times.filter((at) => at > now - HOUR);
  if (inHour.length < most) return 0;
  return inHour[inHour.length - most]! + HOUR - now;
}

const what: Record<GuardEventKind, string> = {
  message: 'messages to phones',
  verify: 'codes tried',
  'puk-miss': 'PUKs tried',
};
const per: Record<Limit, string> = {
  'number-hour': 'to this number this hour',
  'number-day': 'to this number today',
  'device-hour': 'from this computer this hour',
  'device-day': 'from this computer today',
};

function limitReached(kind: GuardEventKind, limit: Limit, now: number, waitMs: number): DomainError {
  const retryAt = new Date(now + waitMs).toISOString();
  return new DomainError('RATE_LIMITED', `too many ${what[kind]} ${per[limit]}; try again at ${retryAt}`, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
    retryAt,
    limit,
  });
}
