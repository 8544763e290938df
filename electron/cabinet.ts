import { DateTime } from 'luxon';
import { AccountOverviewService } from './core/account/accountOverview';
import { PasswordHasher, type ScryptCost } from './core/auth/passwordHasher';
import { CodeSignIn } from './core/auth/codeSignIn';
import { ConfirmationSignIn, realSchedule, type Schedule } from './core/auth/confirmationSignIn';
import { OneTimeCodes } from './core/auth/oneTimeCodes';
import { PasswordSetting } from './core/auth/passwordSetting';
import { PasswordAttempts } from './core/auth/passwordAttempts';
import { PasswordSignIn } from './core/auth/passwordSignIn';
import type { ConfirmationGateway, SmsGateway } from './core/auth/ports';
import { PukSignIn } from './core/auth/pukSignIn';
import { SignInGuard, type SignInLimits } from './core/auth/signInGuard';
import { SecretHasher } from './core/auth/secretHash';
import { SignInRecorder } from './core/auth/signInRecorder';
import { SocialSignIn, type OAuthPorts } from './core/auth/socialSignIn';
import { httpOAuthPorts } from './network/oauthNetwork';
import { defaultSessionPolicy, SessionRegistry, type SessionPolicy } from './core/auth/sessions';
import { systemClock, type Clock } from './core/clock';
import { randomIds, type IdGenerator } from './core/ids';
import { silentLogger, type Logger } from './core/logger';
import { Dispatcher, type SubscriberSignOutReason } from './ipc/dispatcher';
import { VirtualHandset } from './network/virtualHandset';
import type { HandsetUsage } from './network/handsetHandlers';
import { UsageRating } from './core/account/usageRating';
import { MonthlyFees } from './core/account/monthlyFees';
import { RolloverMemo } from './core/account/packageAllowance';
import { TariffChange } from './core/tariffs/tariffChange';
import { TariffAdvisor } from './core/tariffs/tariffAdvisor';
import { UsageDetailService } from './core/account/usageDetail';
import { DetailExports } from './exports/detailExports';
import type { SaveTarget } from './exports/saveTarget';
import { DomainError } from './core/errors';
import { ServiceSubscriptions } from './core/services/serviceSubscriptions';
import { createHandlers, type CoreServices, type LoginItem } from './ipc/handlers';
import { TopUps } from './core/money/topUps';
import { Transfers } from './core/money/transfers';
import { RemainderExchange } from './core/remainders/remainderExchange';
import { RemaindersOverview } from './core/remainders/remainderPosition';
import { RemaindersMarket } from './core/remainders/remaindersMarket';
import { GigabyteSharing } from './core/remainders/gigabyteSharing';
import { lineUpkeep, PromisedPayments } from './core/money/promisedPayments';
import { PaymentHistory } from './core/money/paymentHistory';
import { Autopay } from './core/money/autopay';
import { PasswordChange } from './core/security/passwordChange';
import { SimBlocking, simBlockRulesOf } from './core/security/simBlocking';
import { ProfileNumbers } from './core/security/profileNumbers';
import { ProfileSettings } from './core/profile/profileSettings';
import { alertsFor, type AlertMemo, type LineAlert } from './core/profile/lineAlerts';
import type { EmailGateway } from './core/profile/ports';
import { KnowledgeBase } from './core/support/knowledgeBase';
import type { SupportDesk } from './core/support/ports';
import { SupportRequests } from './core/support/supportRequests';
import { EmbeddedSupportDesk } from './network/embeddedSupportDesk';
import { bundledSupportData } from './store/seed/supportData';
import type { SupportData } from './store/seed/supportData';
import type { Acquirer, BankPageHost, WalletGateway } from './core/money/ports';
import { TEST_CARDS, TestAcquirer, TestWallets } from './network/testAcquirer';
import type { DemoRefusal } from './demoMode';
import { NotConfiguredAcquirer, NotConfiguredNetwork, NotConfiguredWallets } from './network/notConfigured';
import { chainNoticesHealth, describePort, DiagnosticsBoard, mailHealth, notYetOpen, storeHealth } from './network/adapterHealth';
import { hkdfSync } from 'node:crypto';
import type { KioskConfigStore, KioskHost } from './core/kiosk/ports';
import { KioskStaffPanel } from './core/kiosk/staffPanel';
import { sessionPolicyFor } from './core/kiosk/kioskSessionPolicy';
import { KioskVisitEnd } from './core/kiosk/visitEnd';
import { withoutSystemBrowserOnKiosk } from './core/kiosk/noSystemBrowser';
import { redactingLogger } from './core/kiosk/redactingLogger';
import { MemoryKioskConfigStore } from './settings/kioskConfigStore';
import type { E164 } from '../shared/phone';
import type { AppInfo } from '../shared/contract/settings';
import type { SettingsStore } from './settings/settingsStore';
import type { CabinetStore } from './store/cabinetStore';
import { EncryptedDatabase, type OpenOptions } from './store/encryptedDatabase';
import { ChainSignOuts } from './store/postgres/chainSignOuts';
import { PostgresDatabase, type PostgresConnection } from './store/postgres/postgresDatabase';
import type { KeyProvider } from './store/keyProvider';
import type { PassphraseVault } from './store/passphraseVault';
import { bundledOperatorData } from './store/seed/bundledOperatorData';
import type { OperatorData } from './store/seed/operatorData';
import { seedOperatorData } from './store/seed/seedOperatorData';
import { OutboxSender } from './network/smtp/outboxSender';
import type { SmtpSettings } from './network/smtp/smtpSettings';
import { SmtpTransport } from './network/smtp/smtpTransport';
import { SmppNetwork } from './network/smpp/smppNetwork';
import { ContentSubscriptions } from './core/subscriptions/contentSubscriptions';
import { LineBans } from './core/subscriptions/lineBans';
import { SpendBudget } from './core/budget/spendBudget';
import type { TrayState } from './desktop/trayModel';
import { bundledContentData, contentOffers, seedContentSubscriptions, type ContentData } from './store/seed/contentData';

export interface CabinetOptions {
  /** Folder of the encrypted store (the user-data folder in the app, a temp folder in tests). */
  dataDir: string;
  /**
   * Where the store's key comes from; a PassphraseVault makes the store wait for `vault.unlock`.
   * With a shared store it is the chain's secret key: codes and PUKs are keyed hashes every instance must agree on.
   */
  keyProvider: KeyProvider | PassphraseVault;
  /** A store chain's shared PostgreSQL database instead of the embedded store (settings.json's `sharedStore`). */
  sharedStore?: PostgresConnection;
  settings: SettingsStore;
  /**
   * Demo mode (electron/demoMode.ts decides it): the test acquirer, test wallets and the virtual handset stand in
   * for whatever `network`, `acquirer` and `wallets` leave out. Off: no handset, and a service left out answers
   * NOT_CONFIGURED. Every host says which, explicitly.
   */
  demo: boolean;
  /** Demo mode was asked for and refused (the windows say why). */
  demoRefused?: DemoRefusal | null;
  /** Origins of frames allowed to call: "app://cabinet" in the app, the harness's own URL in tests. */
  trustedOrigins: string[];
  clock?: Clock;
  ids?: IdGenerator;
  logger?: Logger;
  sessionPolicy?: SessionPolicy;
  passwordCost?: ScryptCost;
  /** What a new store is seeded with; the bundled operator data files by default. */
  operatorData?: OperatorData;
  /** Checkpoint thresholds and backups of the store (defaults suit a desktop). */
  storeTuning?: Pick<OpenOptions, 'checkpointBytes' | 'idleCheckpointMs' | 'keepBackups' | 'checkpointOnClose'>;
  /** The operator's network (SMS, phone confirmations, mail); the virtual handset in demo mode, not configured otherwise. */
  network?: { sms: SmsGateway; confirmations: ConfirmationGateway; mail?: EmailGateway };
  /** Shows an alert the subscriber asked for outside the window too (an OS notification in the app). */
  onAlert?: (alert: LineAlert) => void;
  /** The OS login item («start with the system»); none on a kiosk or in a harness that has none. */
  loginItem?: LoginItem;
  /** A line changed or was looked at (usage rated, money moved, a sign-in): the tray looks again. */
  onLineActivity?: (msisdn: string) => void;
  /** How a social sign-in reaches the browser and the provider; by default the system browser is opened by `openInBrowser`. */
  oauth?: OAuthPorts;
  /** Opens a URL in the system browser (Electron's shell.openExternal in the app). */
  openInBrowser?: (url: string) => Promise<void>;
  /** When a passwordless prompt times out (tests pass their own clock-driven schedule). */
  schedule?: Schedule;
  /** The bank that charges cards; the embedded test-mode acquirer in demo mode, not configured otherwise. */
  acquirer?: Acquirer;
  /** E-wallets; test-mode wallets in demo mode, not configured otherwise. */
  wallets?: WalletGateway;
  /** How long the acquirer may take before a payment is left pending for a status check. */
  acquirerTimeoutMs?: number;
  /** Where a bank's 3-D Secure page is shown (a locked-down window in the app), for an acquirer that confirms by redirect. */
  bankPages?: BankPageHost;
  /** How often autopay rules are checked; 0 turns the timer off (tests run them by hand). */
  autopayIntervalMs?: number;
  /** Support topics and the knowledge base; the bundled support.json by default. */
  supportData?: SupportData;
  /** Content providers and subscriptions, bans, the forecast's and budget's numbers; the bundled content.json by default. */
  contentData?: ContentData;
  /** The support desk requests go to; the embedded desk (answers from the knowledge base) by default. */
  supportDesk?: SupportDesk;
  /** How often expired sessions are swept and their windows told; 0 turns the timer off (tests sweep by hand). */
  sweepIntervalMs?: number;
  /** Where detail exports are saved (a save dialog in the app); without one, exporting is refused with a clear error. */
  saveTarget?: SaveTarget;
  /** The kiosk profile: its state (kiosk.json in the app) and what the host does for it (printing, wiping a window). */
  kiosk?: { config: KioskConfigStore; host: KioskHost; pinCost?: ScryptCost };
  /**
   * The operator's SMTP server for receipts and security notices (settings.json's `smtp`). Without it — and always
   * in demo mode — letters wait in the outbox and the windows say mail is not set up.
   */
  smtp?: SmtpSettings | null;
  /** How often the mail outbox is drained; 0 turns the timer off (tests drain by hand). */
  mailIntervalMs?: number;
}

export interface Cabinet {
  dispatcher: Dispatcher;
  database: CabinetStore;
  /** The virtual handset: only in demo mode. */
  handset: VirtualHandset | null;
  /** Usage made on the virtual handset: rated, then the line's windows are told. */
  usage: HandsetUsage;
  close(): Promise<void>;
  /** Drains the mail outbox (receipts, notices) through SMTP; says «not configured» without it. */
  mail: OutboxSender;
  /** What the tray shows for a window: its line's balance and main remainder, or that it is signed out. */
  glance(windowId: string): Promise<TrayState>;
}

/** What the windows are told about this computer's services (settings.appInfo). */
export type CabinetServices = AppInfo;

export interface CabinetHost {
  /** Serves calls at once: before the store is open, only the vault and settings methods answer. */
  dispatcher: Dispatcher;
  /** The embedded virtual handset (the SMS inbox and prompts of every demo number): only in demo mode. */
  handset: VirtualHandset | null;
  /** Whether this cabinet runs in demo mode, and which services have an adapter. */
  services: CabinetServices;
  /** Resolves when the store is open and the core is wired; rejects if the store cannot be opened. */
  ready: Promise<Cabinet>;
  close(): Promise<void>;
}

/**
 * Wires the core, the encrypted store and the dispatcher: the same for Electron and the test harness.
 * The dispatcher exists before the store opens, so a window can unlock a passphrase-protected store.
 */
export function startCabinet(options: CabinetOptions): CabinetHost {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const kioskConfig = options.kiosk?.config ?? new MemoryKioskConfigStore();
  // A kiosk serves one person after another: its log says what happened, never to whom.
  const logger = kioskConfig.read().enabled ? redactingLogger(options.logger ?? silentLogger) : (options.logger ?? silentLogger);
  const hasher = new PasswordHasher(options.passwordCost);
  const staff = new KioskStaffPanel(kioskConfig, new PasswordHasher(options.kiosk?.pinCost ?? options.passwordCost), clock);
  if (staff.enabled) staff.enable();
  // On a kiosk a sign-in ends with the kiosk's idle timer, as staff set it now.
  const sessions = new SessionRegistry(clock, ids, () => sessionPolicyFor(options.sessionPolicy ?? defaultSessionPolicy, kioskConfig.read()));
  const vault = 'unlock' in options.keyProvider ? options.keyProvider : null;
  let core: CoreServices | null = null;
  let database: CabinetStore | null = null;
  /** With a shared store: tells the other instances that a subscriber's sessions must end. */
  let signOutElsewhere: ((subscriberId: string, reason: SubscriberSignOutReason) => void) | null = null;
  let autopayTimer: NodeJS.Timeout | null = null;
  // The test doubles exist only in demo mode; otherwise a port without an adapter refuses with NOT_CONFIGURED.
  const handset = options.demo ? new VirtualHandset(clock) : null;
  const notConfigured = new NotConfiguredNetwork();
  const network: { sms: SmsGateway; confirmations: ConfirmationGateway; mail?: EmailGateway } =
    options.network ?? (handset ? { sms: handset, confirmations: handset } : { sms: notConfigured, confirmations: notConfigured });
  // Demo mode sends no real mail: its letters stay in the outbox, and the windows say mail is not set up.
  const smtp = options.smtp && !options.demo ? new SmtpTransport(options.smtp) : null;
  const mail: EmailGateway = network.mail ?? handset ?? smtp ?? notConfigured;
  let mailSender: OutboxSender | null = null;
  const acquirer: Acquirer = options.acquirer ?? (options.demo ? new TestAcquirer() : new NotConfiguredAcquirer());
  const wallets: WalletGateway = options.wallets ?? (options.demo ? new TestWallets() : new NotConfiguredWallets());
  const services: CabinetServices = {
    demo: options.demo,
    demoRefused: options.demo ? null : (options.demoRefused ?? null),
    services: {
      sms: network.sms.configured !== false && network.confirmations.configured !== false,
      cardPayments: acquirer.configured !== false,
      wallets: wallets.configured !== false,
      mail: smtp !== null,
    },
  };
  // Each adapter's state for the diagnostics screen, in the order the screen lists them.
  const diagnostics = new DiagnosticsBoard(() => new Date(clock.now()));
  let supportDeskPort: unknown = null;
  diagnostics.add('store', () => storeHealth(database, options.sharedStore !== undefined));
  if (options.sharedStore) diagnostics.add('chainNotices', () => chainNoticesHealth(database));
  diagnostics.add('sms', () => describePort('sms', network.sms, !options.network && handset !== null));
  diagnostics.add('confirmations', () => describePort('confirmations', network.confirmations, !options.network && handset !== null));
  diagnostics.add('mail', async () =>
    mailSender && !options.network?.mail ? mailHealth(await mailSender.state(), mail === handset, options.smtp ? `${options.smtp.host}:${options.smtp.port}` : null) : describePort('mail', mail, mail === handset),
  );
  diagnostics.add('cardPayments', () => describePort('cardPayments', acquirer, !options.acquirer && options.demo));
  diagnostics.add('wallets', () => describePort('wallets', wallets, !options.wallets && options.demo));
  diagnostics.add('supportDesk', () => (supportDeskPort ? describePort('supportDesk', supportDeskPort, false) : notYetOpen('supportDesk')));
  // What a kiosk visit leaves in this process, wiped when it ends (the acquirer is added once it is built).
  const visitEnd = new KioskVisitEnd(() => staff.enabled, logger);
  const kioskHost = options.kiosk?.host;
  if (kioskHost) {
    visitEnd.add({ name: 'clipboard', wipe: () => kioskHost.clearClipboard() });
    visitEnd.add({ name: 'receipt files', wipe: () => kioskHost.printer.deleteReceiptFiles?.() });
  }
  if (handset) visitEnd.add({ name: 'handset messages', wipe: () => handset.forgetEverything() });
  // A bank page left open must not greet the next walk-in.
  const bankPages = options.bankPages;
  if (bankPages) visitEnd.add({ name: 'bank windows', wipe: () => bankPages.closeAll() });

  const dispatcher = new Dispatcher({
    handlers: createHandlers({
      core: () => core,
      sessions,
      settings: options.settings,
      appInfo: services,
      loginItem: options.loginItem ?? null,
      vault,
      storeReady: () => ready,
      lineLooked: (msisdn) => void raiseAlerts(msisdn),
      kiosk: { staff, host: options.kiosk?.host ?? null, logger, visitEnded: () => visitEnd.ended() },
      diagnostics: () => diagnostics.snapshot(),
      ...(options.bankPages ? { bankPages: options.bankPages } : {}),
    }),
    sessions,
    trustedOrigins: options.trustedOrigins,
    logger,
    onLineChanged: (msisdn) => void raiseAlerts(msisdn),
    onWindowGone: (windowId) => {
      core?.confirmationSignIn.windowClosed(windowId);
      core?.socialSignIn.cancel(windowId, false);
      core?.detailExports.windowGone(windowId);
      staff.windowGone(windowId);
      // The window's session went with it: on a kiosk, so did the visit.
      void visitEnd.ended();
    },
    onSubscriberSignedOut: (subscriberId, reason) => signOutElsewhere?.(subscriberId, reason),
    // A kiosk visit also ends when the main side ends the session (the idle timer ran out with the page silent):
    // the window's storage is wiped from here too, in case the page cannot do its part.
    onWindowSessionEnded: (windowId) => {
      void visitEnd.ended();
      if (staff.enabled && kioskHost) {
        kioskHost.clearWindowStorage(windowId).catch((error: unknown) => logger.warn('a kiosk window could not be wiped', { error: String(error) }));
      }
    },
    // A chain kiosk whose notification connection is down or catching up may have missed a sign-out.
    unavailable: () => (database instanceof PostgresDatabase ? database.notificationGap() : null),
  });

  const ready = (async (): Promise<Cabinet> => {
    // Codes and PUKs are keyed hashes under a key derived from the store's data key: it never sits in the database.
    const secretsOf = async () => new SecretHasher(Buffer.from(hkdfSync('sha256', await options.keyProvider.dataKey(), Buffer.alloc(0), 'subscriber-cabinet secret hashes', 32)));
    const seedOnce = async (store: CabinetStore, secrets: SecretHasher) => {
      if (!(await isUnseeded(store))) return;
      const data = options.operatorData ?? bundledOperatorData();
      await store.writeSql(async (sql) => {
        await seedOperatorData(sql, data, { clock, ids, hashPassword: (password) => hasher.hash(password), hashPuk: (lineId, puk) => secrets.hash(lineId, puk) });
        await seedContentSubscriptions(sql, options.contentData ?? bundledContentData(), { clock, ids });
      });
      logger.info('a new store was seeded with the operator data', { regions: data.regions.length, subscribers: data.demoSubscribers.length });
    };
    let secrets: SecretHasher;
    if (options.sharedStore) {
      secrets = await secretsOf();
      // Seeding runs under the schema lock: instances starting together seed once.
      const shared = await PostgresDatabase.open({ ...options.sharedStore, logger, prepare: (store) => seedOnce(store, secrets) });
      database = shared;
      const chain = await ChainSignOuts.start({
        store: shared,
        dataKey: await options.keyProvider.dataKey(),
        end: (subscriberId, reason) => dispatcher.endSubscriberSessions(subscriberId, reason),
        logger,
      });
      signOutElsewhere = (subscriberId, reason) =>
        void chain.announce(subscriberId, reason).catch((error: unknown) => logger.error('other instances could not be told of a sign-out', { error: String(error) }));
    } else {
      database = await EncryptedDatabase.open({ folder: options.dataDir, keyProvider: options.keyProvider, logger, ...options.storeTuning });
      secrets = await secretsOf();
      await seedOnce(database, secrets);
    }
    const recorder = new SignInRecorder(database, sessions, clock, ids, () => options.settings.preferences().language);
    const data = options.operatorData ?? bundledOperatorData();
    const signInGuard = new SignInGuard(clock, signInLimitsOf(data));
    const confirmationSignIn = new ConfirmationSignIn(
      database,
      network.confirmations,
      recorder,
      clock,
      ids,
      (windowId, outcome, session) => {
        if (session) dispatcher.signInWindow(windowId, session);
        dispatcher.notify(windowId, 'confirmation.resolved', { outcome });
      },
      logger,
      signInGuard,
      options.schedule ?? realSchedule,
    );
    if (handset) handset.answerSink = (promptId, key) => confirmationSignIn.answer(promptId, key);
    // An SMS centre over SMPP: a phone's reply answers its prompt, and what is sent is journalled in the store.
    if (network.sms instanceof SmppNetwork) network.sms.attach({ journal: database, answer: (promptId, key) => confirmationSignIn.answer(promptId, key) });
    const socialSignIn = new SocialSignIn(
      database,
      () => options.settings.socialProviders(),
      withoutSystemBrowserOnKiosk(
        options.oauth ?? httpOAuthPorts(options.openInBrowser ?? (async () => logger.warn('no browser to open a social sign-in in'))),
        () => staff.enabled,
      ),
      recorder,
      (windowId, provider, outcome, session) => {
        if (session) dispatcher.signInWindow(windowId, session);
        dispatcher.notify(windowId, 'social.resolved', { provider, outcome });
      },
      logger,
      clock,
    );
    const monthlyFees = new MonthlyFees(clock, ids);
    const promisedPayments = new PromisedPayments(database, clock, ids, data.payments.promisedPayment);
    const rollovers = new RolloverMemo();
    const simBlocking = new SimBlocking(database, hasher, clock, ids, simBlockRulesOf(data.payments.simBlock, data.tariffs));
    const content = options.contentData ?? bundledContentData();
    const contentSubscriptions = new ContentSubscriptions(database, clock, ids, contentOffers(content), content.bans.contentServiceId);
    const accountOverview = new AccountOverviewService(database, clock, lineUpkeep(monthlyFees, promisedPayments, simBlocking, contentSubscriptions), rollovers);
    visitEnd.add({ name: 'acquirer card data', wipe: () => acquirer.forgetCardData?.() });
    const lineOf = async (msisdn: string) => (await database!.read((repos) => repos.credentials.forNumber(msisdn as E164)))?.lineId ?? null;
    const topUps = new TopUps(
      database,
      clock,
      ids,
      data.payments,
      acquirer,
      wallets,
      monthlyFees,
      logger,
      TEST_CARDS,
      options.acquirerTimeoutMs,
    );
    const autopay = new Autopay(database, clock, topUps, data.payments, logger);
    const supportData = options.supportData ?? bundledSupportData();
    const knowledgeBase = new KnowledgeBase(database);
    await knowledgeBase.sync(supportData.articles);
    const supportDesk: SupportDesk = options.supportDesk ?? new EmbeddedSupportDesk((text, limit) => knowledgeBase.search(text, limit));
    supportDeskPort = supportDesk;
    const supportRequests = new SupportRequests(database, clock, ids, supportData.topics, supportDesk, logger);
    const usageDetail = new UsageDetailService(database);
    core = {
      knowledgeBase,
      supportRequests,
      socialSignIn,
      passwordSignIn: new PasswordSignIn(database, hasher, recorder, new PasswordAttempts(database, clock), clock),
      codeSignIn: new CodeSignIn(database, new OneTimeCodes(secrets, clock, ids, data.codes.digits), network.sms, recorder, signInGuard, logger),
      codeLength: data.codes.digits,
      pukSignIn: new PukSignIn(database, secrets, recorder, clock, signInGuard),
      confirmationSignIn,
      passwordSetting: new PasswordSetting(database, hasher, clock, ids),
      accountOverview,
      tariffChange: new TariffChange(database, accountOverview, clock, ids),
      serviceSubscriptions: new ServiceSubscriptions(database, clock, ids),
      tariffAdvisor: new TariffAdvisor(database, clock),
      usageDetail,
      detailExports: new DetailExports({
        uow: database,
        usageDetail,
        saveTarget: options.saveTarget ?? noSaveTarget,
        progress: (windowId, share) => dispatcher.notify(windowId, 'export.progress', { share }),
        logger,
      }),
      topUps,
      transfers: new Transfers(database, clock, ids, data.payments, new OneTimeCodes(secrets, clock, ids, data.codes.digits), network.sms, monthlyFees, (lineId) => autopay.run(lineId)),
      promisedPayments,
      paymentHistory: new PaymentHistory(database, data.payments.operator),
      autopay,
      passwordChange: new PasswordChange(database, hasher, clock, ids),
      simBlocking,
      contentSubscriptions,
      lineBans: new LineBans(database, hasher, clock, ids, content.bans.contentServiceId),
      spendBudget: new SpendBudget(database, clock, contentSubscriptions, { ...content.budget, minElapsedHours: content.forecast.minElapsedHours }),
      profileSettings: new ProfileSettings(database, new OneTimeCodes(secrets, clock, ids, data.codes.digits), mail, clock),
      profileNumbers: new ProfileNumbers(database, new OneTimeCodes(secrets, clock, ids, data.codes.digits), network.sms, clock, data.payments.profile.maxNumbers),
      signInHistory: async (subscriberId) =>
        database!.read(async (repos) =>
          Promise.all(
            (await repos.signIns.recentFor(subscriberId, 50)).map(async (entry) => ({
              way: entry.way,
              at: entry.at,
              device: entry.device,
              msisdn: (await repos.credentials.forLineId(entry.lineId))?.msisdn ?? '',
            })),
          ),
        ),
      remaindersOverview: new RemaindersOverview(database, clock, data.remainders, rollovers),
      remainderExchange: new RemainderExchange(database, clock, ids, data.remainders.exchange, rollovers),
      remaindersMarket: new RemaindersMarket(database, clock, ids, data.remainders.market, rollovers),
      gigabyteSharing: new GigabyteSharing(database, clock, ids, data.remainders.share, new OneTimeCodes(secrets, clock, ids, data.codes.digits), network.sms, rollovers),
      smsHistory: async (lineId) => {
        const msisdn = (await database!.read((repos) => repos.credentials.forLineId(lineId)))?.msisdn;
        return msisdn ? database!.read((repos) => repos.smsMessages.recentFor([msisdn], 50)) : [];
      },
    };
    const runAutopay = async (lineId: string | null, msisdn: string) => {
      if (lineId && (await autopay.run(lineId))) dispatcher.notifyLine(msisdn, 'account.changed', {});
    };
    // Requests written while the desk could not take them.
    void supportRequests.redeliverNew().catch((error: unknown) => logger.warn('support requests could not be redelivered', { error: String(error) }));
    // Payments a crash or a timeout left pending are settled by asking the acquirer, in the background.
    void topUps
      .recoverPending()
      .then(() => autopay.runAll())
      .catch((error: unknown) => logger.warn('pending payments could not be recovered', { error: String(error) }));
    const autopayEvery = options.autopayIntervalMs ?? 60_000;
    if (autopayEvery > 0) {
      autopayTimer = setInterval(() => {
        void autopay
          .runAll()
          .then(async (made) => {
            for (const { lineId } of made) {
              const line = await database!.read((repos) => repos.account.line(lineId));
              if (line) dispatcher.notifyLine(line.msisdn, 'account.changed', {});
            }
          })
          .catch((error: unknown) => logger.warn('autopay check failed', { error: String(error) }));
      }, autopayEvery);
      autopayTimer.unref();
    }
    const rating = new UsageRating(database, clock, ids, monthlyFees, rollovers);
    const usage: HandsetUsage = {
      use: async (msisdn, kind, quantity, app) => {
        const rated = await rating.record(msisdn, kind, quantity, app);
        dispatcher.notifyLine(msisdn, 'account.changed', {});
        // Usage may take the balance below an autopay threshold.
        await runAutopay(await lineOf(msisdn), msisdn).catch((error: unknown) => logger.warn('autopay after usage failed', { error: String(error) }));
        return { chargedKopecks: rated.chargedKopecks, balanceAfterKopecks: rated.balanceAfterKopecks, freeBy: rated.freeBy };
      },
    };
    mailSender = new OutboxSender(database, smtp, clock, logger);
    mailSender.start(options.mailIntervalMs ?? 15_000);
    if (smtp && (options.mailIntervalMs ?? 15_000) > 0) void mailSender.drain().catch((error: unknown) => logger.warn('the mail outbox could not be drained', { error: String(error) }));
    const glance = async (windowId: string): Promise<TrayState> => {
      const session = dispatcher.windowSession(windowId);
      if (!session || session.mustSetPassword || !core) return { kind: 'signed-out' };
      const overview = await core.accountOverview.forLine(session.lineId);
      const fees = await database!.read((repos) => repos.billing.monthlyFees(session.lineId));
      const main = ['data', 'voice', 'sms'].map((kind) => overview.remainders.find((remainder) => remainder.kind === kind)).find((remainder) => remainder !== undefined) ?? null;
      return {
        kind: 'line',
        line: {
          msisdn: overview.msisdn,
          balanceKopecks: overview.balanceKopecks,
          mainRemainder: main ? { kind: main.kind, left: main.left, total: main.total, unit: main.unit } : null,
          nextChargeDate: overview.period.nextChargeDate,
          monthlyFeeKopecks: overview.lineStatus === 'blocked' ? 0 : fees,
          today: DateTime.fromMillis(clock.now(), { zone: overview.region.timeZone }).toISODate()!,
        },
      };
    };
    return { dispatcher, database, handset, usage, close, mail: mailSender, glance };
  })();
  ready.catch(() => undefined);

  const sweepEvery = options.sweepIntervalMs ?? 30_000;
  const sweeper = sweepEvery > 0 ? setInterval(() => dispatcher.sweepExpiredSessions(), sweepEvery) : null;
  sweeper?.unref();

  /** Alerts by the preferences of the line's subscriber, once per crossing; memos live as long as the process. */
  const alertMemos = new Map<string, AlertMemo>();
  // One look at a line at a time, in the order the changes came: two at once would both take the first look.
  const alertQueues = new Map<string, Promise<void>>();
  function raiseAlerts(msisdn: string): Promise<void> {
    // After the call that asked has answered (a macrotask later): the look does not compete with its answer.
    const next = (alertQueues.get(msisdn) ?? Promise.resolve()).then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => lookForAlerts(msisdn));
    alertQueues.set(msisdn, next);
    void next.finally(() => {
      if (alertQueues.get(msisdn) === next) alertQueues.delete(msisdn);
    });
    return next;
  }
  async function lookForAlerts(msisdn: string): Promise<void> {
    options.onLineActivity?.(msisdn);
    const opened = await ready.catch(() => null);
    if (!opened || !core) return;
    try {
      const credential = await opened.database.read((repos) => repos.credentials.forNumber(msisdn as E164));
      if (!credential) return;
      const overview = await core.accountOverview.forLine(credential.lineId);
      const preferences = (await opened.database.read((repos) => repos.profiles.get(credential.subscriberId, overview.asOf))).notifications;
      const forecast = await core.spendBudget.forecast(credential.lineId);
      const budget = { forecastKopecks: forecast.forecastKopecks, budgetKopecks: forecast.budgetKopecks, periodEnd: forecast.period.end };
      const { alerts, memo } = alertsFor(alertMemos.get(credential.lineId), overview, preferences, clock.now(), budget);
      alertMemos.set(credential.lineId, memo);
      for (const alert of alerts) {
        dispatcher.notifyLine(msisdn, 'alert.raised', alert);
        options.onAlert?.(alert);
      }
    } catch (error) {
      logger.warn('alerts could not be worked out', { error: String(error) });
    }
  }

  async function close(): Promise<void> {
    if (sweeper) clearInterval(sweeper);
    if (autopayTimer) clearInterval(autopayTimer);
    mailSender?.stop();
    if (network.sms instanceof SmppNetwork) await network.sms.stop();
    await database?.close();
  }

  return { dispatcher, handset, services, ready, close };
}

/** Opens the store and wires everything, for callers whose key needs no unlocking (tests, the harness). */
export async function openCabinet(options: CabinetOptions): Promise<Cabinet> {
  return startCabinet(options).ready;
}

async function isUnseeded(database: CabinetStore): Promise<boolean> {
  const row = await database.readSql(async (sql) => sql.one<{ regions: number }>('SELECT COUNT(*) AS regions FROM regions'));
  return (row?.regions ?? 0) === 0;
}

const noSaveTarget: SaveTarget = {
  choose: async () => {
    throw new DomainError('NOT_ELIGIBLE', 'this app has no place to save exports configured', { reason: 'no-save-target' });
  },
};

/** The sign-in guard's limits from the operator data, the day region's time zone looked up. */
function signInLimitsOf(data: OperatorData): SignInLimits {
  const { dayRegion, messages, verifies } = data.codes.signInLimits;
  const dayTimeZone = data.regions.find((region) => region.id === dayRegion)?.timeZone;
  if (!dayTimeZone) throw new Error(`operator data: codes.json: signInLimits.dayRegion: no region "${dayRegion}"`);
  return { dayTimeZone, messages, verifies };
}
