import type { SessionInfo } from '../../../shared/contract/auth';
import type { Session, SessionRegistry } from '../../core/auth/sessions';
import type { HandlerContext } from '../dispatcher';
import type { ProcedureDependencies } from '../procedure';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** A session as the window sees it: who, how, and until when. */
export function sessionInfo(sessions: SessionRegistry, session: Session): SessionInfo {
  return {
    msisdn: session.msisdn,
    subscriberName: session.subscriberName,
    way: session.way,
    mustSetPassword: session.mustSetPassword,
    signedInAt: iso(session.signedInAt),
    idleExpiresAt: iso(sessions.idleDeadline(session)),
    absoluteExpiresAt: iso(sessions.absoluteDeadline(session)),
  };
}

/** Signs the window in as the session, and has the alerts start from the line as it is now. */
export function signedIn(deps: ProcedureDependencies, window: HandlerContext, session: Session): SessionInfo {
  window.bindSession(session);
  deps.lineLooked?.(session.msisdn);
  return sessionInfo(deps.sessions, session);
}

/** The subscriber's live sessions, this one marked. */
export function activeSessions(sessions: SessionRegistry, session: Session) {
  return sessions.of(session.subscriberId).map((other) => ({
    handle: other.handle,
    device: other.device,
    way: other.way,
    msisdn: other.msisdn,
    signedInAt: iso(other.signedInAt),
    lastSeenAt: iso(other.lastSeenAt),
    current: other.id === session.id,
  }));
}
