import type { AreaProcedures, Procedures } from '../procedure';
import { sessionInfo } from './sessionViews';

/** «Мои номера»: the profile's numbers, one attached by its SMS code, switched to, detached. */
export const numberProcedures = (procedure: Procedures): AreaProcedures<'numbers'> => ({
  'numbers.list': procedure.signedIn(async (_input, { core, session }) => core.profileNumbers.list(session)),
  'numbers.requestAttach': procedure.signedIn(async ({ number }, { core, session }) => ({
    expiresAt: new Date((await core.profileNumbers.requestAttach(session, number)).expiresAt).toISOString(),
    codeLength: core.codeLength,
  })),
  'numbers.confirmAttach': procedure.signedIn(async ({ number, code }, { core, session }) => core.profileNumbers.confirmAttach(session, number, code)),
  'numbers.switch': procedure.signedIn(async ({ msisdn }, { core, session, deps }) => {
    await core.profileNumbers.switchTo(session, msisdn);
    deps.lineLooked?.(msisdn);
    return sessionInfo(deps.sessions, session);
  }),
  'numbers.detach': procedure.signedIn(async ({ msisdn }, { core, session, deps }) => core.profileNumbers.detach(session, msisdn, deps.sessions.of(session.subscriberId)), { changesLine: true }),
});
