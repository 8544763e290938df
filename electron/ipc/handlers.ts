import type { SessionInfo } from '../../shared/contract/auth';
import type { AccountOverviewService } from '../core/account/accountOverview';
import type { PasswordSignIn } from '../core/auth/passwordSignIn';
import type { Session, SessionRegistry } from '../core/auth/sessions';
import { UnauthenticatedError } from '../core/errors';
import type { SettingsStore } from '../settings/settingsStore';
import type { Handlers } from './dispatcher';

export interface CoreServices {
  sessions: SessionRegistry;
  passwordSignIn: PasswordSignIn;
  accountOverview: AccountOverviewService;
  settings: SettingsStore;
}

/** Each contract method, answered by the core. Handlers translate; they decide nothing. */
export function createHandlers(core: CoreServices): Handlers {
  const sessionInfo = (session: Session): SessionInfo => ({
    msisdn: session.msisdn,
    subscriberName: session.subscriberName,
    signedInAt: new Date(session.signedInAt).toISOString(),
    idleExpiresAt: new Date(core.sessions.idleDeadline(session)).toISOString(),
    absoluteExpiresAt: new Date(core.sessions.absoluteDeadline(session)).toISOString(),
  });

  return {
    'auth.signInWithPassword': async ({ phone, password }, context) => {
      const session = await core.passwordSignIn.signIn(phone, password, context.device);
      context.bindSession(session);
      return sessionInfo(session);
    },
    'auth.signOut': async (_input, context) => ({ signedOut: context.unbindSession() !== null }),
    'auth.currentSession': async (_input, context) => (context.session ? sessionInfo(context.session) : null),
    'account.overview': async (_input, context) => {
      if (!context.session) throw new UnauthenticatedError();
      return core.accountOverview.forLine(context.session.lineId);
    },
    'settings.preferences': async () => core.settings.preferences(),
    'settings.updatePreferences': async (patch, context) => {
      const preferences = core.settings.updatePreferences(patch);
      context.broadcast('preferences.changed', preferences);
      return preferences;
    },
  };
}
