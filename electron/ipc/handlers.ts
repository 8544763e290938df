import type { SmsMessageRecord } from '../core/sms/ports';
import type { CodeLength } from '../../shared/contract/common';
import type { SessionInfo } from '../../shared/contract/auth';
import type { VaultStatus } from '../../shared/contract/vault';
import type { AppInfo, Diagnostics } from '../../shared/contract/settings';
import type { AccountOverviewService } from '../core/account/accountOverview';
import type { CodeSignIn } from '../core/auth/codeSignIn';
import type { ConfirmationSignIn } from '../core/auth/confirmationSignIn';
import type { PasswordSetting } from '../core/auth/passwordSetting';
import type { PasswordSignIn } from '../core/auth/passwordSignIn';
import type { PukSignIn } from '../core/auth/pukSignIn';
import type { SocialSignIn } from '../core/auth/socialSignIn';
import type { TariffChange } from '../core/tariffs/tariffChange';
import type { TariffAdvisor } from '../core/tariffs/tariffAdvisor';
import type { UsageDetailService } from '../core/account/usageDetail';
import type { DetailExports } from '../exports/detailExports';
import type { ServiceSubscriptions } from '../core/services/serviceSubscriptions';
import type { Session, SessionRegistry } from '../core/auth/sessions';
import type { TopUps } from '../core/money/topUps';
import type { Transfers } from '../core/money/transfers';
import type { PromisedPayments } from '../core/money/promisedPayments';
import type { Autopay } from '../core/money/autopay';
import type { BankPageHost } from '../core/money/ports';
import type { PasswordChange } from '../core/security/passwordChange';
import type { SimBlocking } from '../core/security/simBlocking';
import type { ContentSubscriptions, ContentSubscriptionView } from '../core/subscriptions/contentSubscriptions';
import type { BanState, LineBans } from '../core/subscriptions/lineBans';
import type { BudgetForecast, SpendBudget } from '../core/budget/spendBudget';
import type { ProfileNumbers } from '../core/security/profileNumbers';
import type { ProfileSettings } from '../core/profile/profileSettings';
import { toPayment, type PaymentHistory } from '../core/money/paymentHistory';
import { parseCard } from '../../shared/card';
import { DomainError, StoreUnavailableError, UnauthenticatedError } from '../core/errors';
import type { SettingsStore } from '../settings/settingsStore';
import { StoreFileError } from '../store/files/storeFileError';
import { StoreLockedError } from '../store/files/storeLock';
import { NewerStoreVersionError } from '../store/newerStoreVersionError';
import { MIN_PASSPHRASE_LENGTH, WeakPassphraseError, WrongPassphraseError, type PassphraseVault } from '../store/passphraseVault';
import type { HandlerContext, Handlers } from './dispatcher';
import { supportHandlers, type SupportServices } from './supportHandlers';
import { remainderHandlers, type RemainderServices } from './remainderHandlers';
import { createKioskHandlers, refuseInKiosk, type KioskDependencies } from './kioskHandlers';
import { AdapterSettingsError } from '../settings/adapterSettings';

/** The core's services, there once the store is open. */
export interface CoreServices extends SupportServices, RemainderServices {
  passwordSignIn: PasswordSignIn;
  codeSignIn: CodeSignIn;
  /** The digits of every one-time code (operator data, codes.json); told with each code sent so the fields follow it. */
  codeLength: CodeLength;
  pukSignIn: PukSignIn;
  confirmationSignIn: ConfirmationSignIn;
  passwordSetting: PasswordSetting;
  socialSignIn: SocialSignIn;
  accountOverview: AccountOverviewService;
  tariffChange: TariffChange;
  serviceSubscriptions: ServiceSubscriptions;
  tariffAdvisor: TariffAdvisor;
  usageDetail: UsageDetailService;
  detailExports: DetailExports;
  topUps: TopUps;
  transfers: Transfers;
  promisedPayments: PromisedPayments;
  paymentHistory: PaymentHistory;
  autopay: Autopay;
  passwordChange: PasswordChange;
  simBlocking: SimBlocking;
  contentSubscriptions: ContentSubscriptions;
  lineBans: LineBans;
  spendBudget: SpendBudget;
  profileNumbers: ProfileNumbers;
  profileSettings: ProfileSettings;
  signInHistory(subscriberId: string): Promise<Array<{ way: Session['way']; at: string; device: string; msisdn: string }>>;
  /** SMS to and from the line's number through the SMS centre (electron/network/smpp), newest first. */
  smsHistory(lineId: string): Promise<SmsMessageRecord[]>;
}

/** The OS login item («start with the system»); absent where the app cannot set one (a kiosk, the test harness without it). */
export interface LoginItem {
  get(): boolean;
  set(on: boolean): void;
}

export interface HandlerDependencies {
  loginItem?: LoginItem | null;
  core: () => CoreServices | null;
  sessions: SessionRegistry;
  settings: SettingsStore;
  /** Demo mode and the services set up on this computer (answered before the store opens). */
  appInfo: AppInfo;
  /** Present where the store's key is wrapped by a passphrase (no OS keyring). */
  vault: PassphraseVault | null;
  storeReady: () => Promise<unknown>;
  /** A window looks at a line (signed in, switched, changed what to be told about): alerts compare against it. */
  lineLooked?: (msisdn: string) => void;
  /** The kiosk profile's staff panel and host (a computer that is not a kiosk has a disabled one). */
  kiosk: KioskDependencies;
  /** Each adapter's state for the diagnostics screen. */
  diagnostics: () => Promise<Diagnostics>;
  /** Where a bank's 3-D Secure page is shown (a window of its own in the app); absent: such a payment is refused. */
  bankPages?: BankPageHost;
}

/** Each contract method, answered by the core. Handlers translate; they decide nothing. */
export function createHandlers(deps: HandlerDependencies): Handlers {
  const requireCore = (): CoreServices => {
    const core = deps.core();
    if (!core) throw new StoreUnavailableError('the local store is not open yet');
    return core;
  };
  const sessionInfo = (session: Session): SessionInfo => ({
    msisdn: session.msisdn,
    subscriberName: session.subscriberName,
    way: session.way,
    mustSetPassword: session.mustSetPassword,
    signedInAt: new Date(session.signedInAt).toISOString(),
    idleExpiresAt: new Date(deps.sessions.idleDeadline(session)).toISOString(),
    absoluteExpiresAt: new Date(deps.sessions.absoluteDeadline(session)).toISOString(),
  });
  const vaultStatus = async (): Promise<VaultStatus> => {
    const common = { minPassphraseLength: MIN_PASSPHRASE_LENGTH, usesPassphrase: deps.vault !== null };
    if (deps.core()) return { state: 'open', ...common };
    const locked = deps.vault ? await deps.vault.state() : 'unlocked';
    if (locked === 'unlocked') return { state: 'opening', ...common };
    return { state: locked, reason: 'no-keyring', ...common };
  };

  const signedIn = (session: Session, context: HandlerContext): SessionInfo => {
    context.bindSession(session);
    // A first look at the line, so that alerts start from what is so now.
    deps.lineLooked?.(session.msisdn);
    return sessionInfo(session);
  };
  /** A session that still has to set its password may do nothing else. */
  const readySession = (context: HandlerContext): Session => {
    if (!context.session) throw new UnauthenticatedError();
    if (context.session.mustSetPassword) throw new DomainError('NOT_ELIGIBLE', 'set a password first', { reason: 'must-set-password' });
    return context.session;
  };
  const iso = (epochMs: number) => new Date(epochMs).toISOString();
  const activeSessions = (session: Session) =>
    deps.sessions.of(session.subscriberId).map((other) => ({
      handle: other.handle,
      device: other.device,
      way: other.way,
      msisdn: other.msisdn,
      signedInAt: iso(other.signedInAt),
      lastSeenAt: iso(other.lastSeenAt),
      current: other.id === session.id,
    }));

  return {
    ...createKioskHandlers(deps.kiosk, deps.core),
    'auth.signInWithPassword': async ({ phone, password }, context) =>
      signedIn(await requireCore().passwordSignIn.signIn(phone, password, context.device), context),
    'auth.requestCode': async ({ phone, purpose }, context) => {
      const sent = await requireCore().codeSignIn.requestCode(phone, purpose, context.device);
      return { expiresAt: iso(sent.expiresAt), resendAvailableAt: iso(sent.resendAvailableAt), codeLength: sent.codeLength };
    },
    'auth.signInWithCode': async ({ phone, purpose, code }, context) => {
      const session = await requireCore().codeSignIn.signIn(phone, purpose, code, context.device);
      // A recovery takes the account back: whoever else is signed in (perhaps with a stolen password) is not.
      const info = signedIn(session, context);
      if (purpose === 'recover') context.endOtherSessions(session, 'password-changed');
      return info;
    },
    'auth.signInWithPuk': async ({ phone, puk }, context) => {
      const session = await requireCore().pukSignIn.signIn(phone, puk, context.device);
      const info = signedIn(session, context);
      context.endOtherSessions(session, 'password-changed');
      return info;
    },
    'auth.startConfirmation': async ({ phone }, context) => {
      const started = await requireCore().confirmationSignIn.start(context.windowId, phone, context.device);
      return { expiresAt: iso(started.expiresAt) };
    },
    'auth.cancelConfirmation': async (_input, context) => ({ cancelled: requireCore().confirmationSignIn.cancel(context.windowId) }),
    'auth.socialProviders': async () => (deps.kiosk.staff.enabled ? [] : requireCore().socialSignIn.configured()),
    'auth.startSocialSignIn': async ({ provider }, context) => {
      refuseInKiosk(deps.kiosk, 'social sign-in');
      await requireCore().socialSignIn.start(context.windowId, provider, context.device);
      return { started: true as const };
    },
    'auth.cancelSocialSignIn': async (_input, context) => ({ cancelled: requireCore().socialSignIn.cancel(context.windowId) }),
    'auth.setPassword': async ({ password, current }, context) => {
      const session = context.session;
      if (!session) throw new UnauthenticatedError();
      await requireCore().passwordSetting.set(session, password, current);
      context.endOtherSessions(session, 'password-changed');
      return sessionInfo(session);
    },
    'auth.signOut': async (_input, context) => {
      const signedOut = context.unbindSession() !== null;
      // On a kiosk signing out ends the visit, however the page asked for it.
      await deps.kiosk.visitEnded();
      return { signedOut };
    },
    'auth.signOutEverywhere': async (_input, context) => {
      readySession(context);
      return { ended: context.signOutEverywhere() };
    },
    'auth.currentSession': async (_input, context) => (context.session ? sessionInfo(context.session) : null),
    'account.overview': async (_input, context) => requireCore().accountOverview.forLine(readySession(context).lineId),
    'account.recentActivity': async (_input, context) => requireCore().accountOverview.recentActivity(readySession(context).lineId),
    'account.detailSummary': async ({ from, to, kind }, context) => requireCore().usageDetail.summary(readySession(context).lineId, from, to, kind),
    'account.detailPage': async ({ from, to, kind, cursor, limit }, context) => requireCore().usageDetail.page(readySession(context).lineId, from, to, kind, cursor, limit),
    'account.exportDetail': async ({ from, to, kind, format }, context) => {
      const session = readySession(context);
      const language = deps.settings.preferences().language;
      return requireCore().detailExports.export(context.windowId, { lineId: session.lineId, msisdn: session.msisdn, from, to, kind, format, language });
    },
    'account.cancelExport': async (_input, context) => ({ cancelled: requireCore().detailExports.cancel(context.windowId) }),
    'tariffs.advice': async (_input, context) => requireCore().tariffAdvisor.advise(readySession(context).lineId),
    'tariffs.catalog': async (_input, context) => requireCore().tariffChange.catalog(readySession(context).lineId),
    'tariffs.previewChange': async ({ tariffId }, context) => requireCore().tariffChange.preview(readySession(context).lineId, tariffId),
    'tariffs.change': async ({ tariffId, idempotencyKey }, context) => {
      const session = readySession(context);
      const overview = await requireCore().tariffChange.change(session.lineId, tariffId, idempotencyKey);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return overview;
    },
    'services.catalog': async (_input, context) => requireCore().serviceSubscriptions.catalog(readySession(context).lineId),
    'services.connect': async ({ serviceId, idempotencyKey }, context) => {
      const session = readySession(context);
      const cards = await requireCore().serviceSubscriptions.connect(session.lineId, serviceId, idempotencyKey);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return cards;
    },
    'services.disconnect': async ({ serviceId }, context) => {
      const session = readySession(context);
      const cards = await requireCore().serviceSubscriptions.disconnect(session.lineId, serviceId);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return cards;
    },
    'payments.options': async (_input, context) => requireCore().topUps.options(readySession(context).lineId),
    'payments.topUpByCard': async ({ amountKopecks, card, savedCardId, remember, idempotencyKey }, context) => {
      const session = readySession(context);
      if (remember) refuseInKiosk(deps.kiosk, 'remembering a card');
      // The contract checked the form; the core judges the expiry by the app's clock.
      const parsed = card ? parseCard(card, null) : null;
      if (card && !parsed) throw new DomainError('VALIDATION', 'card: a valid card', { fields: [{ field: 'card', expected: 'a valid card' }] });
      const payment = await requireCore().topUps.byCard(session.lineId, {
        amountKopecks,
        ...(parsed ? { card: parsed } : {}),
        ...(savedCardId !== undefined ? { savedCardId } : {}),
        remember,
        idempotencyKey,
      });
      context.notifyLine(session.msisdn, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.confirmChallenge': async ({ paymentId, code }, context) => {
      const session = readySession(context);
      const payment = await requireCore().topUps.confirmChallenge(session.lineId, paymentId, code);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.confirmInBankWindow': async ({ paymentId }, context) => {
      const session = readySession(context);
      const page = await requireCore().topUps.confirmationPage(session.lineId, paymentId);
      if (page) {
        if (!deps.bankPages) throw new DomainError('NOT_CONFIGURED', "this computer has no window for the bank's page", { service: 'card-payments' });
        await deps.bankPages.show({ windowId: context.windowId, paymentId, ...page });
      }
      // Whatever the page said, the acquirer's status is what counts.
      const payment = await requireCore().topUps.checkStatus(session.lineId, paymentId);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.cancelBankWindow': async ({ paymentId }, context) => {
      readySession(context);
      return { closed: deps.bankPages?.close(context.windowId, paymentId) ?? false };
    },
    'payments.checkStatus': async ({ paymentId }, context) => {
      const session = readySession(context);
      const payment = await requireCore().topUps.checkStatus(session.lineId, paymentId);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.topUpByWallet': async ({ walletId, amountKopecks, idempotencyKey }, context) =>
      toPayment(await requireCore().topUps.byWallet(readySession(context).lineId, walletId, amountKopecks, idempotencyKey)),
    'payments.confirmWallet': async ({ paymentId, approve }, context) => {
      const session = readySession(context);
      const payment = await requireCore().topUps.confirmWallet(session.lineId, paymentId, approve);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.forgetCard': async ({ cardId }, context) => requireCore().topUps.forgetCard(readySession(context).lineId, cardId),
    'payments.previewTransfer': async ({ to, amountKopecks }, context) => requireCore().transfers.preview(readySession(context).lineId, to, amountKopecks),
    'payments.startTransfer': async ({ to, amountKopecks, idempotencyKey }, context) => {
      const started = await requireCore().transfers.start(readySession(context).lineId, to, amountKopecks, idempotencyKey);
      return { payment: toPayment(started.payment), codeExpiresAt: iso(started.codeExpiresAt), codeLength: requireCore().codeLength };
    },
    'payments.confirmTransfer': async ({ paymentId, code }, context) => {
      const session = readySession(context);
      const { payment, recipient } = await requireCore().transfers.confirm(session.lineId, paymentId, code);
      // The transfer may take the balance below an autopay threshold.
      await requireCore().autopay.run(session.lineId);
      context.notifyLine(session.msisdn, 'account.changed', {});
      if (recipient) context.notifyLine(recipient, 'account.changed', {});
      return toPayment(payment);
    },
    'payments.promisedOffer': async (_input, context) => requireCore().promisedPayments.offer(readySession(context).lineId),
    'payments.takePromised': async ({ amountKopecks, idempotencyKey }, context) => {
      const session = readySession(context);
      const offer = await requireCore().promisedPayments.take(session.lineId, amountKopecks, idempotencyKey);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return offer;
    },
    'payments.history': async ({ filter, from, to }, context) => requireCore().paymentHistory.list(readySession(context).lineId, filter, from, to),
    'payments.receipt': async ({ paymentId }, context) => requireCore().paymentHistory.receipt(readySession(context).lineId, paymentId),
    'payments.autopay': async (_input, context) => requireCore().autopay.get(readySession(context).lineId),
    'payments.setAutopay': async (setting, context) => {
      const session = readySession(context);
      const rule = await requireCore().autopay.set(session.lineId, setting);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return rule;
    },
    'payments.pauseAutopay': async ({ paused }, context) => {
      const session = readySession(context);
      const rule = await requireCore().autopay.pause(session.lineId, paused);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return rule;
    },
    'payments.removeAutopay': async (_input, context) => requireCore().autopay.remove(readySession(context).lineId),
    'security.changePassword': async ({ current, next }, context) => {
      const session = readySession(context);
      await requireCore().passwordChange.change(session, current, next);
      // Whoever else was signed in with the old password is signed out, on every instance of a chain too.
      return { endedOtherSessions: context.endOtherSessions(session, 'password-changed') };
    },
    'security.sessions': async (_input, context) => activeSessions(readySession(context)),
    'security.endSession': async ({ handle }, context) => {
      const session = readySession(context);
      context.endSessions((other) => other.handle === handle && other.id !== session.id, 'ended-elsewhere');
      return activeSessions(session);
    },
    'security.endOtherSessions': async (_input, context) => {
      const session = readySession(context);
      return { ended: context.endSessions((other) => other.id !== session.id, 'ended-elsewhere') };
    },
    'security.signInHistory': async (_input, context) => requireCore().signInHistory(readySession(context).subscriberId),
    'security.smsHistory': async (_input, context) =>
      (await requireCore().smsHistory(readySession(context).lineId)).map((message) => ({
        at: message.createdAt,
        direction: message.direction,
        msisdn: message.msisdn,
        preview: message.preview,
        parts: message.parts,
        status: message.status,
        detail: message.detail,
      })),
    'security.simBlock': async (_input, context) => requireCore().simBlocking.status(readySession(context).lineId),
    'security.blockSim': async ({ password }, context) => {
      const session = readySession(context);
      const status = await requireCore().simBlocking.block(session, password);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return status;
    },
    'security.unblockSim': async ({ password }, context) => {
      const session = readySession(context);
      const status = await requireCore().simBlocking.unblock(session, password);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return status;
    },
    'subscriptions.list': async (_input, context) => {
      const { lineId } = readySession(context);
      return subscriptionsAndBans(await requireCore().contentSubscriptions.list(lineId), await requireCore().lineBans.status(lineId));
    },
    'subscriptions.cancel': async ({ subscriptionId }, context) => {
      const session = readySession(context);
      const list = await requireCore().contentSubscriptions.cancel(session.lineId, subscriptionId);
      context.notifyLine(session.msisdn, 'account.changed', {});
      return subscriptionsAndBans(list, await requireCore().lineBans.status(session.lineId));
    },
    'subscriptions.setBan': async ({ kind, on, password }, context) => {
      const session = readySession(context);
      const bans = await requireCore().lineBans.set(session, kind, on, password);
      return subscriptionsAndBans(await requireCore().contentSubscriptions.list(session.lineId), bans);
    },
    'subscriptions.forecast': async (_input, context) => budgetView(await requireCore().spendBudget.forecast(readySession(context).lineId)),
    'subscriptions.setBudget': async ({ monthlyKopecks }, context) => {
      const session = readySession(context);
      const forecast = await requireCore().spendBudget.setBudget(session.lineId, monthlyKopecks);
      // The alerts look again: a budget under the forecast is said at once.
      context.notifyLine(session.msisdn, 'account.changed', {});
      return budgetView(forecast);
    },
    'numbers.list': async (_input, context) => requireCore().profileNumbers.list(readySession(context)),
    'numbers.requestAttach': async ({ number }, context) => ({
      expiresAt: iso((await requireCore().profileNumbers.requestAttach(readySession(context), number)).expiresAt),
      codeLength: requireCore().codeLength,
    }),
    'numbers.confirmAttach': async ({ number, code }, context) => requireCore().profileNumbers.confirmAttach(readySession(context), number, code),
    'numbers.switch': async ({ msisdn }, context) => {
      const session = readySession(context);
      await requireCore().profileNumbers.switchTo(session, msisdn);
      deps.lineLooked?.(msisdn);
      return sessionInfo(session);
    },
    'numbers.detach': async ({ msisdn }, context) => {
      const session = readySession(context);
      const numbers = await requireCore().profileNumbers.detach(session, msisdn, deps.sessions.of(session.subscriberId));
      context.notifyLine(session.msisdn, 'account.changed', {});
      return numbers;
    },
    'profile.get': async (_input, context) => requireCore().profileSettings.get(readySession(context)),
    'profile.update': async (change, context) => requireCore().profileSettings.update(readySession(context), change),
    'profile.requestEmailCode': async ({ email }, context) => ({
      expiresAt: iso((await requireCore().profileSettings.requestEmail(readySession(context), email)).expiresAt),
      codeLength: requireCore().codeLength,
    }),
    'profile.confirmEmail': async ({ code }, context) => requireCore().profileSettings.confirmEmail(readySession(context), code),
    'profile.setNotifications': async (notifications, context) => {
      const session = readySession(context);
      const profile = await requireCore().profileSettings.setNotifications(session, notifications);
      // New thresholds are looked at against the line as it is now.
      deps.lineLooked?.(session.msisdn);
      return profile;
    },
    'profile.linkSocial': async ({ provider }, context) => {
      const session = readySession(context);
      // Linking happens in the system browser, which a kiosk does not open.
      refuseInKiosk(deps.kiosk, 'linking a social account');
      await requireCore().socialSignIn.startLink(context.windowId, provider, session.subscriberId, session.lineId);
      return { started: true as const };
    },
    'profile.unlinkSocial': async ({ provider }, context) => requireCore().profileSettings.unlinkSocial(readySession(context), provider),
    ...supportHandlers(requireCore, readySession),
    ...remainderHandlers(requireCore, readySession),
    'settings.preferences': async () => deps.settings.preferences(),
    'settings.appInfo': async () => structuredClone(deps.appInfo),
    'settings.startWithSystem': async () => ({ available: Boolean(deps.loginItem), on: deps.loginItem?.get() ?? false }),
    'settings.setStartWithSystem': async ({ on }) => {
      if (!deps.loginItem) throw new DomainError('NOT_ELIGIBLE', 'this computer does not start the app with the system', { reason: 'no-login-item' });
      deps.loginItem.set(on);
      return { available: true, on: deps.loginItem.get() };
    },
    'settings.diagnostics': async (_input, context) => {
      // On a kiosk the connections are staff's business: the panel must be unlocked in this window.
      if (deps.kiosk.staff.enabled) deps.kiosk.staff.requireStaff(context.windowId);
      return deps.diagnostics();
    },
    'settings.adapterSettings': async (_input, context) => {
      if (deps.kiosk.staff.enabled) deps.kiosk.staff.requireStaff(context.windowId);
      return deps.settings.adapterSettings().view();
    },
    'settings.updateAdapterSettings': async ({ adapter, values }, context) => {
      if (deps.kiosk.staff.enabled) deps.kiosk.staff.requireStaff(context.windowId);
      try {
        const view = deps.settings.adapterSettings().update(adapter, values);
        deps.kiosk.logger.info('connection settings changed', { adapter, fields: Object.keys(values).join(', ') });
        return view;
      } catch (error) {
        if (error instanceof AdapterSettingsError) throw new DomainError('VALIDATION', error.message, { fields: [{ field: error.field, expected: error.expected }] });
        throw error;
      }
    },
    'settings.updatePreferences': async (patch, context) => {
      // The subscriber's letters are written in the language they use the cabinet in (first: a store that cannot
      // take it fails the call before the windows change).
      if (patch.language && context.session) await deps.core()?.profileSettings.setLanguage(context.session.subscriberId, patch.language);
      const preferences = deps.settings.updatePreferences(patch);
      context.broadcast('preferences.changed', preferences);
      return preferences;
    },
    'vault.status': vaultStatus,
    'vault.unlock': async ({ passphrase }) => {
      if (deps.vault) {
        await translateVaultErrors(() => deps.vault!.unlock(passphrase), 'passphrase');
        await deps.storeReady().catch((error: unknown) => {
          throw storeOpenFailure(error);
        });
      }
      return vaultStatus();
    },
    'vault.changePassphrase': async ({ current, next }) => {
      if (!deps.vault) throw new DomainError('NOT_ELIGIBLE', 'this computer keeps the store key in the OS keyring; there is no passphrase');
      await translateVaultErrors(() => deps.vault!.changePassphrase(current, next), 'next');
      return { changed: true as const };
    },
  };
}

/**
 * Why the store did not open, as an answer a window can act on: STORE_UNAVAILABLE with
 * details.reason ('wrong-key', 'damaged', 'rolled-back', 'newer-format', 'not-a-store', 'locked').
 * Anything else stays a fault (INTERNAL).
 */
export function storeOpenFailure(error: unknown): unknown {
  const fail = (reason: string, message: string) => new DomainError('STORE_UNAVAILABLE', `the store could not be opened: ${message}`, { state: 'cannot-open', reason });
  if (error instanceof StoreFileError) return fail(error.reason, error.message);
  if (error instanceof NewerStoreVersionError) return fail('newer-format', error.message);
  if (error instanceof StoreLockedError) return fail('locked', error.message);
  return error;
}

async function translateVaultErrors(work: () => Promise<void>, newPassphraseField: string): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw new DomainError('PASSPHRASE_INVALID', error.message);
    if (error instanceof WeakPassphraseError) {
      throw new DomainError('VALIDATION', `${newPassphraseField}: ${error.message}`, {
        fields: [{ field: newPassphraseField, expected: `a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters` }],
      });
    }
    throw error;
  }
}

function subscriptionsAndBans(list: ContentSubscriptionView[], bans: BanState[]) {
  return {
    subscriptions: list.map((item) => ({
      id: item.id,
      name: item.offer.name,
      provider: { name: item.offer.provider.name, shortNumber: item.offer.provider.shortNumber },
      feeKopecks: item.offer.feeKopecks,
      every: item.offer.every,
      startedAt: item.startedAt,
      cancelledAt: item.cancelledAt,
      nextChargeAt: item.nextChargeAt,
    })),
    bans,
  };
}

function budgetView(forecast: BudgetForecast) {
  return {
    period: { start: forecast.period.start, end: forecast.period.end },
    chargedKopecks: forecast.chargedKopecks,
    usageKopecks: forecast.usageKopecks,
    projectedUsageKopecks: forecast.projectedUsageKopecks,
    feesDueKopecks: forecast.feesDueKopecks,
    forecastKopecks: forecast.forecastKopecks,
    budgetKopecks: forecast.budgetKopecks,
    overBudget: forecast.overBudget,
    minBudgetKopecks: forecast.minBudgetKopecks,
    maxBudgetKopecks: forecast.maxBudgetKopecks,
    asOf: forecast.asOf,
  };
}
