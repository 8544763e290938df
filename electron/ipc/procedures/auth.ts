import type { AreaProcedures, Procedures } from '../procedure';
import { sessionInfo, signedIn } from './sessionViews';

const iso = (epochMs: number) => new Date(epochMs).toISOString();

/** Signing in (password, SMS code, PUK, a prompt on the phone, a social account), setting a password, signing out. */
export const authProcedures = (procedure: Procedures): AreaProcedures<'auth'> => ({
  'auth.signInWithPassword': procedure.store(async ({ phone, password }, { core, deps, window }) => signedIn(deps, window, await core.passwordSignIn.signIn(phone, password, window.device))),
  'auth.requestCode': procedure.store(async ({ phone, purpose }, { core, device }) => {
    const sent = await core.codeSignIn.requestCode(phone, purpose, device);
    return { expiresAt: iso(sent.expiresAt), resendAvailableAt: iso(sent.resendAvailableAt), codeLength: sent.codeLength };
  }),
  'auth.signInWithCode': procedure.store(async ({ phone, purpose, code }, { core, deps, window }) => {
    const session = await core.codeSignIn.signIn(phone, purpose, code, window.device);
    // A recovery takes the account back: whoever else is signed in (perhaps with a stolen password) is not.
    const info = signedIn(deps, window, session);
    if (purpose === 'recover') window.endOtherSessions(session, 'password-changed');
    return info;
  }),
  'auth.signInWithPuk': procedure.store(async ({ phone, puk }, { core, deps, window }) => {
    const session = await core.pukSignIn.signIn(phone, puk, window.device);
    const info = signedIn(deps, window, session);
    window.endOtherSessions(session, 'password-changed');
    return info;
  }),
  'auth.startConfirmation': procedure.store(async ({ phone }, { core, windowId, device }) => ({ expiresAt: iso((await core.confirmationSignIn.start(windowId, phone, device)).expiresAt) })),
  'auth.cancelConfirmation': procedure.store(async (_input, { core, windowId }) => ({ cancelled: core.confirmationSignIn.cancel(windowId) })),
  // A kiosk offers none: a social sign-in opens the system browser.
  'auth.socialProviders': procedure.store(async (_input, { core, kiosk }) => (kiosk.enabled ? [] : core.socialSignIn.configured())),
  'auth.startSocialSignIn': procedure.store(
    async ({ provider }, { core, windowId, device }) => {
      await core.socialSignIn.start(windowId, provider, device);
      return { started: true as const };
    },
    { offOnKiosk: 'social sign-in' },
  ),
  'auth.cancelSocialSignIn': procedure.store(async (_input, { core, windowId }) => ({ cancelled: core.socialSignIn.cancel(windowId) })),
  'auth.setPassword': procedure.session(async ({ password, current }, { core, session, deps, window }) => {
    await core.passwordSetting.set(session, password, current);
    window.endOtherSessions(session, 'password-changed');
    return sessionInfo(deps.sessions, session);
  }),
  'auth.signOut': procedure.public(async (_input, { window, deps }) => {
    const signedOut = window.unbindSession() !== null;
    // On a kiosk signing out ends the visit, however the page asked for it.
    await deps.kiosk.visitEnded();
    return { signedOut };
  }),
  'auth.signOutEverywhere': procedure.signedIn(async (_input, { window }) => ({ ended: window.signOutEverywhere() })),
  'auth.currentSession': procedure.public(async (_input, { window, deps }) => (window.session ? sessionInfo(deps.sessions, window.session) : null)),
});
