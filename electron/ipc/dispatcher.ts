import type { z } from 'zod';
import { fail, ok, type FieldIssue, type Result } from '../../shared/contract/errors';
import { findMethod, type MethodPath, type OutputOf, type ParsedInputOf } from '../../shared/contract/index';
import type { EventName, EventPayload } from '../../shared/contract/events';
import type { Session, SessionRegistry } from '../core/auth/sessions';
import { DomainError } from '../core/errors';
import type { Logger } from '../core/logger';

/** Who is calling, as the transport saw it; the renderer never says who it is. */
export interface CallContext {
  /** One id per window (Electron webContents id, or one harness socket). */
  senderId: string;
  /** The origin of the calling frame, e.g. "app://cabinet". */
  origin: string;
  /** A short, non-identifying label of the device, for the sign-in history. */
  device?: string;
}

export type EventSink = (event: EventName, payload: unknown) => void;

/** What a handler may do about the calling window besides answering. */
export interface HandlerContext {
  readonly session: Session | null;
  readonly device: string;
  /** The calling window, for work that answers it later (a passwordless prompt). */
  readonly windowId: string;
  /** Signs this window in as the session. */
  bindSession(session: Session): void;
  /** Signs this window out; returns the session it had. */
  unbindSession(): Session | null;
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Ends every session of this window's subscriber, in every window; returns how many. */
  signOutEverywhere(): number;
  /** Ends the subscriber's sessions that `select` picks (never another subscriber's); their windows are told why. */
  endSessions(select: (session: Session) => boolean, reason: 'ended-elsewhere' | 'password-changed'): number;
  /**
   * Ends every session of `keep`'s subscriber but `keep` (a password changed or recovered), here and, with a shared
   * store, on every other instance; their windows are told why. Returns how many ended here.
   */
  endOtherSessions(keep: Session, reason: 'password-changed'): number;
  /** Tells every window signed in to this number. */
  notifyLine<E extends EventName>(msisdn: string, event: E, payload: EventPayload<E>): void;
}

export type Handler<P extends MethodPath> = (input: ParsedInputOf<P>, context: HandlerContext) => Promise<OutputOf<P>>;
export type Handlers = { [P in MethodPath]: Handler<P> };

export interface DispatcherOptions {
  handlers: Handlers;
  sessions: SessionRegistry;
  trustedOrigins: Iterable<string>;
  logger: Logger;
  /** Told when a window goes away, so work waiting for it (a prompt) can stop. */
  onWindowGone?: (senderId: string) => void;
  /** Told when a line's balance or remainders changed (after its windows are), e.g. to raise alerts. */
  onLineChanged?: (msisdn: string) => void;
  /** Told when the main side ended a window's session without that window asking (it went idle, or ended elsewhere). */
  onWindowSessionEnded?: (senderId: string) => void;
  /** Told when every session of a subscriber must end, so other app instances sharing the store end theirs too. */
  onSubscriberSignedOut?: (subscriberId: string, reason: SubscriberSignOutReason) => void;
  /**
   * Why calls that depend on who is signed in (every session call and every auth.* call) cannot be answered
   * now, or null: a chain kiosk that may have missed a sign-out answers them STORE_UNAVAILABLE until caught up.
   */
  unavailable?: () => DomainError | null;
}

export type SubscriberSignOutReason = 'signed-out-everywhere' | 'password-changed';

/** Calls that only end or cancel something in this window: answered even while `unavailable` says no. */
const ALWAYS_ANSWERED = new Set(['auth.signOut', 'auth.cancelConfirmation', 'auth.cancelSocialSignIn']);

/**
 * The one door from a window to the core: sender check → schema parse → session lookup →
 * handler → output parse. Transport-agnostic (Electron IPC or a socket) and never throws.
 */
export class Dispatcher {
  private readonly trustedOrigins: ReadonlySet<string>;
  private readonly sinks = new Map<string, EventSink>();
  private readonly windowSessions = new Map<string, string>();
  /** The last payload of each event broadcast with `retain`: a window that connects later is told it at once. */
  private readonly retained = new Map<EventName, unknown>();

  constructor(private readonly options: DispatcherOptions) {
    this.trustedOrigins = new Set(options.trustedOrigins);
  }

  connect(senderId: string, sink: EventSink): void {
    this.sinks.set(senderId, sink);
    this.replayRetained(senderId);
  }

  /** Tells a window every retained state again (its page was loaded anew: a kiosk reloads after each subscriber). */
  replayRetained(senderId: string): void {
    for (const [event, payload] of this.retained) this.emit(senderId, event, payload as EventPayload<typeof event>);
  }

  /** The window is gone: its session ends with it. */
  disconnect(senderId: string): void {
    const sessionId = this.windowSessions.get(senderId);
    if (sessionId) this.options.sessions.close(sessionId);
    this.windowSessions.delete(senderId);
    this.sinks.delete(senderId);
    this.options.onWindowGone?.(senderId);
  }

  /** Signs a window in from outside its own call (a passwordless prompt answered on the phone). */
  signInWindow(senderId: string, session: Session): void {
    const previous = this.windowSessions.get(senderId);
    if (previous && previous !== session.id) this.options.sessions.close(previous);
    this.windowSessions.set(senderId, session.id);
  }

  /** Tells every window signed in to this number (its balance or remainders changed). */
  notifyLine<E extends EventName>(msisdn: string, event: E, payload: EventPayload<E>): void {
    for (const [senderId, sessionId] of this.windowSessions) {
      const lookup = this.options.sessions.touch(sessionId, { peek: true });
      if (lookup.status === 'live' && lookup.session.msisdn === msisdn) this.emit(senderId, event, payload);
    }
    if (event === 'account.changed') this.options.onLineChanged?.(msisdn);
  }

  /**
   * Sends every connected window an event (an update is downloading). With `retain`, it is a state rather than a
   * moment: the last one is kept and told to every window that connects later.
   */
  broadcast<E extends EventName>(event: E, payload: EventPayload<E>, options: { retain?: boolean } = {}): void {
    if (options.retain) this.retained.set(event, payload);
    for (const senderId of this.sinks.keys()) this.emit(senderId, event, payload);
  }

  /** Sends one window an event. */
  notify<E extends EventName>(senderId: string, event: E, payload: EventPayload<E>): void {
    this.emit(senderId, event, payload);
  }

  /** Ends every session of a subscriber in this instance and tells their windows (another instance signed them out). */
  endSubscriberSessions(subscriberId: string, reason: SubscriberSignOutReason): number {
    return this.endAndTell(new Set(this.options.sessions.closeAllOf(subscriberId)), reason);
  }

  /** Ends every session of this instance (it may have missed a sign-out made elsewhere). */
  endAllSessions(reason: 'expired'): number {
    const ended = new Set(this.windowSessions.values());
    for (const id of ended) this.options.sessions.close(id);
    return this.endAndTell(ended, reason);
  }

  /** Ends sessions that went idle or too old, and tells their windows at once. */
  sweepExpiredSessions(): void {
    for (const [senderId, sessionId] of this.windowSessions) {
      if (this.options.sessions.touch(sessionId, { peek: true }).status !== 'live') this.expire(senderId);
    }
  }

  async dispatch(context: CallContext, method: unknown, input: unknown): Promise<Result<unknown>> {
    if (!this.trustedOrigins.has(context.origin)) {
      this.options.logger.warn('call refused from an untrusted origin', { origin: String(context.origin).slice(0, 100) });
      return fail('FORBIDDEN', 'calls are accepted only from the cabinet window');
    }
    const spec = typeof method === 'string' ? findMethod(method) : undefined;
    if (!spec) {
      return validationError([{ field: 'method', expected: 'the name of a contract method, e.g. "auth.signInWithPassword"' }]);
    }
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) return validationError(fieldIssues(parsed.error));
    if ((spec.access === 'session' || (method as string).startsWith('auth.')) && !ALWAYS_ANSWERED.has(method as string)) {
      const unavailable = this.options.unavailable?.();
      if (unavailable) return fail(unavailable.code, unavailable.message, unavailable.details);
    }

    const session = this.currentSession(context.senderId);
    if (spec.access === 'session' && !session) return fail('UNAUTHENTICATED', 'sign in first');

    const handler = this.options.handlers[method as MethodPath] as unknown as Handler<MethodPath>;
    try {
      const value = await handler(parsed.data as never, this.handlerContext(context, session));
      const output = spec.output.safeParse(value);
      if (!output.success) {
        this.options.logger.error('a handler answered outside its output schema', { method: method as string });
        return fail('INTERNAL', 'unexpected fault');
      }
      return ok(output.data);
    } catch (error) {
      if (error instanceof DomainError) return fail(error.code, error.message, error.details);
      this.options.logger.error('a call failed', { method: method as string, error: (error as Error)?.message ?? String(error) });
      return fail('INTERNAL', 'unexpected fault');
    }
  }

  /** The window's live session, looked at without counting as use (the tray reads it); null when signed out or expired. */
  windowSession(senderId: string): Session | null {
    const sessionId = this.windowSessions.get(senderId);
    if (!sessionId) return null;
    const lookup = this.options.sessions.touch(sessionId, { peek: true });
    return lookup.status === 'live' ? lookup.session : null;
  }

  private currentSession(senderId: string): Session | null {
    const sessionId = this.windowSessions.get(senderId);
    if (!sessionId) return null;
    const lookup = this.options.sessions.touch(sessionId);
    if (lookup.status === 'live') return lookup.session;
    this.expire(senderId);
    return null;
  }

  private expire(senderId: string): void {
    const sessionId = this.windowSessions.get(senderId);
    if (sessionId) this.options.sessions.close(sessionId);
    this.windowSessions.delete(senderId);
    this.emit(senderId, 'session.ended', { reason: 'expired' });
    this.options.onWindowSessionEnded?.(senderId);
  }

  private handlerContext(context: CallContext, session: Session | null): HandlerContext {
    return {
      session,
      device: context.device ?? 'unknown device',
      windowId: context.senderId,
      notifyLine: (msisdn, event, payload) => this.notifyLine(msisdn, event, payload),
      bindSession: (next) => this.signInWindow(context.senderId, next),
      signOutEverywhere: () => {
        if (!session) return 0;
        this.options.onSubscriberSignedOut?.(session.subscriberId, 'signed-out-everywhere');
        return this.endSubscriberSessions(session.subscriberId, 'signed-out-everywhere');
      },
      endSessions: (select, reason) => {
        if (!session) return 0;
        const ended = new Set<string>();
        for (const candidate of this.options.sessions.of(session.subscriberId)) {
          if (!select(candidate)) continue;
          this.options.sessions.close(candidate.id);
          ended.add(candidate.id);
        }
        if (reason === 'password-changed') this.options.onSubscriberSignedOut?.(session.subscriberId, reason);
        return this.endAndTell(ended, reason);
      },
      endOtherSessions: (keep, reason) => {
        const ended = new Set(this.options.sessions.closeAllOf(keep.subscriberId, keep.id));
        this.options.onSubscriberSignedOut?.(keep.subscriberId, reason);
        return this.endAndTell(ended, reason);
      },
      unbindSession: () => {
        const sessionId = this.windowSessions.get(context.senderId);
        this.windowSessions.delete(context.senderId);
        if (!sessionId) return null;
        const lookup = this.options.sessions.touch(sessionId, { peek: true });
        this.options.sessions.close(sessionId);
        return lookup.status === 'live' ? lookup.session : null;
      },
      broadcast: (event, payload) => {
        for (const senderId of this.sinks.keys()) this.emit(senderId, event, payload);
      },
    };
  }

  private endAndTell(ended: Set<string>, reason: EventPayload<'session.ended'>['reason']): number {
    for (const [senderId, sessionId] of this.windowSessions) {
      if (!ended.has(sessionId)) continue;
      this.windowSessions.delete(senderId);
      this.emit(senderId, 'session.ended', { reason });
      this.options.onWindowSessionEnded?.(senderId);
    }
    return ended.size;
  }

  private emit<E extends EventName>(senderId: string, event: E, payload: EventPayload<E>): void {
    const sink = this.sinks.get(senderId);
    if (!sink) return;
    try {
      sink(event, payload);
    } catch (error) {
      this.options.logger.warn('an event could not be delivered', { event, error: (error as Error).message });
    }
  }
}

function validationError(fields: FieldIssue[]): Result<never> {
  const message = fields.map((issue) => `${issue.field}: ${issue.expected}`).join('; ');
  return fail('VALIDATION', message, { fields });
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue): FieldIssue[] => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: base ? `${base}.${key}` : key, expected: 'no such field in this method' }));
    }
    return [{ field: base || 'input', expected: issue.message }];
  });
}
