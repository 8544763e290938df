import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { E164 } from '../../../shared/phone';
import type { SignInWay } from './ports';

export interface SessionPolicy {
  /** A session unused for this long ends. */
  idleMs: number;
  /** A session ends this long after sign-in, however busy. */
  absoluteMs: number;
}

export const defaultSessionPolicy: SessionPolicy = { idleMs: 15 * 60_000, absoluteMs: 12 * 60 * 60_000 };

export interface Session {
  readonly id: string;
  /** A public name of the session for the "active sessions" list; the id itself never leaves the main side. */
  readonly handle: string;
  readonly subscriberId: string;
  subscriberName: string;
  /** The line the window is looking at: one of the profile's numbers, switched in the header. */
  lineId: string;
  msisdn: E164;
  /** A short, non-identifying label of the device it was opened on. */
  readonly device: string;
  readonly way: SignInWay;
  readonly signedInAt: number;
  lastSeenAt: number;
  /** Registration, recovery and PUK sign-ins must set a password before anything else. */
  mustSetPassword: boolean;
}

export type SessionLookup = { status: 'live'; session: Session } | { status: 'expired' } | { status: 'none' };

/**
 * Live sessions of this app instance, in memory: a session never outlives the process,
 * and its id never leaves the main side (the dispatcher maps windows to ids).
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();
  private readonly currentPolicy: () => SessionPolicy;

  /** `policy` may be a function: it is asked at every look-up (a kiosk's idle time is changed by staff while it runs). */
  constructor(
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    policy: SessionPolicy | (() => SessionPolicy) = defaultSessionPolicy,
  ) {
    this.currentPolicy = typeof policy === 'function' ? policy : () => policy;
  }

  get policy(): SessionPolicy {
    return this.currentPolicy();
  }

  open(owner: Omit<Session, 'id' | 'handle' | 'signedInAt' | 'lastSeenAt'>): Session {
    const now = this.clock.now();
    const session: Session = { ...owner, id: this.ids.next('ses'), handle: this.ids.next('handle'), signedInAt: now, lastSeenAt: now };
    this.sessions.set(session.id, session);
    return session;
  }

  /**
   * Finds a session and marks it used (unless `peek`); an idle or too old one is ended and
   * reported as expired.
   */
  touch(sessionId: string, options: { peek?: boolean } = {}): SessionLookup {
    const session = this.sessions.get(sessionId);
    if (!session) return { status: 'none' };
    const now = this.clock.now();
    if (now >= this.idleDeadline(session) || now >= this.absoluteDeadline(session)) {
      this.sessions.delete(sessionId);
      return { status: 'expired' };
    }
    if (!options.peek) session.lastSeenAt = now;
    return { status: 'live', session };
  }

  close(sessionId: string): boolean {
    return this.sessions.delete(sessionId);
  }

  /** The subscriber's live sessions, newest first. */
  of(subscriberId: string): Session[] {
    const now = this.clock.now();
    return [...this.sessions.values()]
      .filter((session) => session.subscriberId === subscriberId && now < this.idleDeadline(session))
      .sort((a, b) => b.signedInAt - a.signedInAt);
  }

  /** Ends every session of a subscriber (sign-out everywhere); returns their ids. */
  closeAllOf(subscriberId: string): string[] {
    const ended = [...this.sessions.values()].filter((session) => session.subscriberId === subscriberId).map((session) => session.id);
    for (const id of ended) this.sessions.delete(id);
    return ended;
  }

  idleDeadline(session: Session): number {
    return Math.min(session.lastSeenAt + this.policy.idleMs, this.absoluteDeadline(session));
  }

  absoluteDeadline(session: Session): number {
    return session.signedInAt + this.policy.absoluteMs;
  }
}
