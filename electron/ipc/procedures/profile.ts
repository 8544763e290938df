import type { AreaProcedures, Procedures } from '../procedure';

/** «Профиль»: name and contacts, the e-mail confirmed by a code, what to be told about, linked social accounts. */
export const profileProcedures = (procedure: Procedures): AreaProcedures<'profile'> => ({
  'profile.get': procedure.signedIn(async (_input, { core, session }) => core.profileSettings.get(session)),
  'profile.update': procedure.signedIn(async (change, { core, session }) => core.profileSettings.update(session, change)),
  'profile.requestEmailCode': procedure.signedIn(async ({ email }, { core, session }) => ({
    expiresAt: new Date((await core.profileSettings.requestEmail(session, email)).expiresAt).toISOString(),
    codeLength: core.codeLength,
  })),
  'profile.confirmEmail': procedure.signedIn(async ({ code }, { core, session }) => core.profileSettings.confirmEmail(session, code)),
  'profile.setNotifications': procedure.signedIn(async (notifications, { core, session, deps }) => {
    const profile = await core.profileSettings.setNotifications(session, notifications);
    // New thresholds are looked at against the line as it is now.
    deps.lineLooked?.(session.msisdn);
    return profile;
  }),
  // Linking happens in the system browser, which a kiosk does not open.
  'profile.linkSocial': procedure.signedIn(
    async ({ provider }, { core, session, windowId }) => {
      await core.socialSignIn.startLink(windowId, provider, session.subscriberId, session.lineId);
      return { started: true as const };
    },
    { offOnKiosk: 'linking a social account' },
  ),
  'profile.unlinkSocial': procedure.signedIn(async ({ provider }, { core, session }) => core.profileSettings.unlinkSocial(session, provider)),
});
