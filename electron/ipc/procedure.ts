import type { SmsMessageRecord } from '../core/sms/ports';
import type { CodeLength } from '../../shared/contract/common';
import type { Diagnostics, AppInfo } from '../../shared/contract/settings';
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
import type { PaymentHistory } from '../core/money/paymentHistory';
import type { BankPageHost } from '../core/money/ports';
import type { PasswordChange } from '../core/security/passwordChange';
import type { SimBlocking } from '../core/security/simBlocking';
import type { ContentSubscriptions } from '../core/subscriptions/contentSubscriptions';
import type { LineBans } from '../core/subscriptions/lineBans';
import type { SpendBudget } from '../core/budget/spendBudget';
import type { ProfileNumbers } from '../core/security/profileNumbers';
import type { ProfileSettings } from '../core/profile/profileSettings';
import type { KnowledgeBase } from '../core/support/knowledgeBase';
import type { SupportRequests } from '../core/support/supportRequests';
import type { RemainderExchange } from '../core/remainders/remainderExchange';
import type { RemaindersOverview } from '../core/remainders/remainderPosition';
import type { RemaindersMarket } from '../core/remainders/remaindersMarket';
import type { GigabyteSharing } from '../core/remainders/gigabyteSharing';
import type { KioskHost } from '../core/kiosk/ports';
import type { KioskStaffPanel } from '../core/kiosk/staffPanel';
import type { Logger } from '../core/logger';
import { DomainError, StoreUnavailableError, UnauthenticatedError } from '../core/errors';
import type { SettingsStore } from '../settings/settingsStore';
import type { PassphraseVault } from '../store/passphraseVault';
import type { MethodPath } from '../../shared/contract/index';
import type { HandlerContext, Handlers } from './dispatcher';

/** The core's services, there once the store is open. */
export interface CoreServices {
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
  supportRequests: SupportRequests;
  knowledgeBase: KnowledgeBase;
  remaindersOverview: RemaindersOverview;
  remainderExchange: RemainderExchange;
  remaindersMarket: RemaindersMarket;
  gigabyteSharing: GigabyteSharing;
  signInHistory(subscriberId: string): Promise<Array<{ way: Session['way']; at: string; device: string; msisdn: string }>>;
  /** SMS to and from the line's number through the SMS centre (electron/network/smpp), newest first. */
  smsHistory(lineId: string): Promise<SmsMessageRecord[]>;
}

/** The OS login item («start with the system»); absent where the app cannot set one (a kiosk, the test harness without it). */
export interface LoginItem {
  get(): boolean;
  set(on: boolean): void;
}

export interface KioskDependencies {
  staff: KioskStaffPanel;
  /** Electron (silent print, session storage) or the harness; absent where nothing hosts a kiosk. */
  host: KioskHost | null;
  logger: Logger;
  /** The end of a subscriber's visit: the main side wipes what it holds of them (clipboard, messages, card data, receipts). */
  visitEnded: () => Promise<void>;
}

/** What the procedures are built from: the composition root (electron/cabinet.ts) hands these over once. */
export interface ProcedureDependencies {
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

/** What a shared store kiosk decides about the calling window, asked by a procedure instead of decided in it. */
export interface KioskPolicy {
  /** This computer runs the kiosk profile. */
  readonly enabled: boolean;
  /** Refuses (FORBIDDEN, reason "kiosk") what a kiosk must not offer; does nothing elsewhere. */
  refuse(what: string): void;
}

/** Every procedure's context: the calling window (the dispatcher's side of it) and the app's dependencies. */
export interface WindowContext {
  readonly window: HandlerContext;
  readonly deps: ProcedureDependencies;
  readonly device: string;
  readonly windowId: string;
  readonly kiosk: KioskPolicy;
}

/** A procedure that needs the store open: the core is there. */
export interface CoreContext extends WindowContext {
  readonly core: CoreServices;
}

/** A procedure for a signed-in window, even one that must still set its password (that is all it may do). */
export interface SessionContext extends CoreContext {
  readonly session: Session;
}

/** A procedure for a signed-in window whose session may do anything: its line is the one it looks at. */
export interface SignedInContext extends SessionContext {
  readonly line: { readonly id: string; readonly msisdn: string };
  /** Tells the windows of another number that its balance or remainders changed (a transfer's recipient). */
  lineChanged(msisdn: string): void;
}

export interface ProcedureOptions {
  /** Off on a store kiosk (it opens the system browser, keeps something of the subscriber): FORBIDDEN there. */
  offOnKiosk?: string;
  /** On a kiosk, only a window whose staff panel is unlocked may call (connections are staff's business). */
  staffOnKiosk?: boolean;
}

export interface SignedInOptions extends ProcedureOptions {
  /** The call changes the line (money, remainders, services): its windows are told `account.changed` after it. */
  changesLine?: boolean;
}

type Resolver<I, O, C> = (input: I, context: C) => Promise<O>;

/** The procedures of one contract area, e.g. `AreaProcedures<'tariffs'>`: the compiler lists the ones missing. */
export type AreaProcedures<A extends string> = { [P in Extract<MethodPath, `${A}.${string}`>]: Handlers[P] };

/**
 * The one middleware between the dispatcher and the procedures: it builds each call's context from the calling
 * window — store open (STORE_UNAVAILABLE), signed in (UNAUTHENTICATED), a session that has set its password
 * (NOT_ELIGIBLE, reason "must-set-password"), the kiosk's policy — so that no procedure checks these itself.
 */
export interface Procedures {
  /** Answered before the store opens (settings, the vault, the kiosk panel). */
  public<I, O>(resolve: Resolver<I, O, WindowContext>, options?: ProcedureOptions): (input: I, context: HandlerContext) => Promise<O>;
  /** Needs the store, not a session (signing in). */
  store<I, O>(resolve: Resolver<I, O, CoreContext>, options?: ProcedureOptions): (input: I, context: HandlerContext) => Promise<O>;
  /** Needs a session, even one that must set its password first (setting it). */
  session<I, O>(resolve: Resolver<I, O, SessionContext>, options?: ProcedureOptions): (input: I, context: HandlerContext) => Promise<O>;
  /** Needs a session that may do anything. */
  signedIn<I, O>(resolve: Resolver<I, O, SignedInContext>, options?: SignedInOptions): (input: I, context: HandlerContext) => Promise<O>;
}

export function procedures(deps: ProcedureDependencies): Procedures {
  const { staff } = deps.kiosk;
  const kiosk: KioskPolicy = {
    get enabled() {
      return staff.enabled;
    },
    refuse(what) {
      if (staff.enabled) throw new DomainError('FORBIDDEN', `${what} is off on a store kiosk`, { reason: 'kiosk' });
    },
  };
  const windowContext = (window: HandlerContext, options: ProcedureOptions = {}): WindowContext => {
    if (options.offOnKiosk) kiosk.refuse(options.offOnKiosk);
    if (options.staffOnKiosk && staff.enabled) staff.requireStaff(window.windowId);
    return { window, deps, device: window.device, windowId: window.windowId, kiosk };
  };
  const coreContext = (window: HandlerContext, options?: ProcedureOptions): CoreContext => {
    const base = windowContext(window, options);
    const core = deps.core();
    if (!core) throw new StoreUnavailableError('the local store is not open yet');
    return { ...base, core };
  };
  const sessionContext = (window: HandlerContext, options?: ProcedureOptions): SessionContext => {
    const context = coreContext(window, options);
    if (!window.session) throw new UnauthenticatedError();
    return { ...context, session: window.session };
  };
  const signedInContext = (window: HandlerContext, options?: ProcedureOptions): SignedInContext => {
    const context = sessionContext(window, options);
    // A session that still has to set its password may do nothing else.
    if (context.session.mustSetPassword) throw new DomainError('NOT_ELIGIBLE', 'set a password first', { reason: 'must-set-password' });
    return {
      ...context,
      line: { id: context.session.lineId, msisdn: context.session.msisdn },
      lineChanged: (msisdn) => window.notifyLine(msisdn, 'account.changed', {}),
    };
  };

  return {
    // async: a refusal is a rejected promise like any other answer, never a throw in the caller's hands.
    public: (resolve, options) => async (input, window) => resolve(input, windowContext(window, options)),
    store: (resolve, options) => async (input, window) => resolve(input, coreContext(window, options)),
    session: (resolve, options) => async (input, window) => resolve(input, sessionContext(window, options)),
    signedIn: (resolve, options) => async (input, window) => {
      const context = signedInContext(window, options);
      const output = await resolve(input, context);
      // Read after the call: a number detached or switched may have moved the session to another line.
      if (options?.changesLine) context.lineChanged(context.session.msisdn);
      return output;
    },
  };
}
