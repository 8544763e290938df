import type { AreaProcedures, Procedures } from '../procedure';
import { activeSessions } from './sessionViews';

/** «Безопасность»: the password, the sessions and sign-in history, the SMS journal, the SIM block. */
export const securityProcedures = (procedure: Procedures): AreaProcedures<'security'> => ({
  'security.changePassword': procedure.signedIn(async ({ current, next }, { core, session, window }) => {
    await core.passwordChange.change(session, current, next);
    // Whoever else was signed in with the old password is signed out, on every instance of a chain too.
    return { endedOtherSessions: window.endOtherSessions(session, 'password-changed') };
  }),
  'security.sessions': procedure.signedIn(async (_input, { deps, session }) => activeSessions(deps.sessions, session)),
  'security.endSession': procedure.signedIn(async ({ handle }, { deps, session, window }) => {
    window.endSessions((other) => other.handle === handle && other.id !== session.id, 'ended-elsewhere');
    return activeSessions(deps.sessions, session);
  }),
  'security.endOtherSessions': procedure.signedIn(async (_input, { session, window }) => ({ ended: window.endSessions((other) => other.id !== session.id, 'ended-elsewhere') })),
  'security.signInHistory': procedure.signedIn(async (_input, { core, session }) => core.signInHistory(session.subscriberId)),
  'security.smsHistory': procedure.signedIn(async (_input, { core, line }) =>
    (await core.smsHistory(line.id)).map((message) => ({
      at: message.createdAt,
      direction: message.direction,
      msisdn: message.msisdn,
      preview: message.preview,
      parts: message.parts,
      status: message.status,
      detail: message.detail,
    })),
  ),
  'security.simBlock': procedure.signedIn(async (_input, { core, line }) => core.simBlocking.status(line.id)),
  'security.blockSim': procedure.signedIn(async ({ password }, { core, session }) => core.simBlocking.block(session, password), { changesLine: true }),
  'security.unblockSim': procedure.signedIn(async ({ password }, { core, session }) => core.simBlocking.unblock(session, password), { changesLine: true }),
});
