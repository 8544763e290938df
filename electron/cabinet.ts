import { AccountOverviewService } from './core/account/accountOverview';
import { PasswordHasher, type ScryptCost } from './core/auth/passwordHasher';
import { CodeSignIn } from './core/auth/codeSignIn';
import { ConfirmationSignIn, realSchedule, type Schedule } from './core/auth/confirmationSignIn';
import { OneTimeCodes } from './core/auth/oneTimeCodes';
import { PasswordSetting } from './core/auth/passwordSetting';
import { PasswordSignIn } from './core/auth/passwordSignIn';
import type { ConfirmationGateway, SmsGateway } from './core/auth/ports';
import { PukSignIn } from './core/auth/pukSignIn';
import { SecretHasher } from './core/auth/secretHash';
import { SignInRecorder } from './core/auth/signInRecorder';
import { SocialSignIn, type OAuthPorts } from './core/auth/socialSignIn';
import { httpOAuthPorts } from './network/oauthNetwork';
import { SessionRegistry, type SessionPolicy } from './core/auth/sessions';
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
import { createHandlers, type CoreServices } from './ipc/handlers';
import { TopUps } from './core/money/topUps';
import { Transfers } from './core/money/transfers';
import { lineUpkeep, PromisedPayments } from './core/money/promisedPayments';
import { PaymentHistory } from './core/money/paymentHistory';
import { Autopay } from './core/money/autopay';
import { PasswordChange } from './core/security/passwordChange';
import { SimBlocking } from './core/security/simBlocking';
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
import type { Acquirer, WalletGateway } from './core/money/ports';
import { TEST_CARDS, TestAcquirer, TestWallets } from './network/testAcquirer';
import { hkdfSync, randomUUID } from 'node:crypto';
import type { KioskConfigStore, KioskHost } from './core/kiosk/ports';
import { KioskStaffPanel } from './core/kiosk/staffPanel';
import { redactingLogger } from './core/kiosk/redactingLogger';
import { MemoryKioskConfigStore } from './settings/kioskConfigStore';
import type { E164 } from '../shared/phone';
import type { SettingsStore } from './settings/settingsStore';
import type { CabinetStore } from './store/cabinetStore';
import { EncryptedDatabase, type OpenOptions } from './store/encryptedDatabase';
import { PostgresDatabase, type PostgresConnection } from './store/postgres/postgresDatabase';
import type { KeyProvider } from './store/keyProvider';
import type { PassphraseVault } from './store/passphraseVault';
import { bundledOperatorData } from './store/seed/bundledOperatorData';
import type { OperatorData } from './store/seed/operatorData';
import { seedOperatorData } from './store/seed/seedOperatorData';

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
  /** The operator's network; the virtual handset by default. */
  network?: { sms: SmsGateway; confirmations: ConfirmationGateway; mail?: EmailGateway };
  /** Shows an alert the subscriber asked for outside the window too (an OS notification in the app). */
  onAlert?: (alert: LineAlert) => void;
  /** How a social sign-in reaches the browser and the provider; by default the system browser is opened by `openInBrowser`. */
  oauth?: OAuthPorts;
  /** Opens a URL in the system browser (Electron's shell.openExternal in the app). */
  openInBrowser?: (url: string) => Promise<void>;
  /** When a passwordless prompt times out (tests pass their own clock-driven schedule). */
  schedule?: Schedule;
  /** The bank that charges cards; the embedded test-mode acquirer by default. */
  acquirer?: Acquirer;
  /** E-wallets; test-mode wallets by default. */
  wallets?: WalletGateway;
  /** How long the acquirer may take before a payment is left pending for a status check. */
  acquirerTimeoutMs?: number;
  /** How often autopay rules are checked; 0 turns the timer off (tests run them by hand). */
  autopayIntervalMs?: number;
  /** Support topics and the knowledge base; the bundled support.json by default. */
  supportData?: SupportData;
  /** The support desk requests go to; the embedded desk (answers from the knowledge base) by default. */
  supportDesk?: SupportDesk;
  /** How often expired sessions are swept and their windows told; 0 turns the timer off (tests sweep by hand). */
  sweepIntervalMs?: number;
  /** Where detail exports are saved (a save dialog in the app); without one, exporting is refused with a clear error. */
  saveTarget?: SaveTarget;
  /** The kiosk profile: its state (kiosk.json in the app) and what the host does for it (printing, wiping a window). */
  kiosk?: { config: KioskConfigStore; host: KioskHost; pinCost?: ScryptCost };
}

export interface Cabinet {
  dispatcher: Dispatcher;
  database: CabinetStore;
  handset: VirtualHandset;
  /** Usage made on the virtual handset: rated, then the line's windows are told. */
  usage: HandsetUsage;
  close(): Promise<void>;
}

export interface CabinetHost {
  /** Serves calls at once: before the store is open, only the vault and settings methods answer. */
  dispatcher: Dispatcher;
  /** The embedded virtual handset (the SMS inbox and prompts of every demo number). */
  handset: VirtualHandset;
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
  const sessions = new SessionRegistry(clock, ids, options.sessionPolicy);
  const vault = 'unlock' in options.keyProvider ? options.keyProvider : null;
  let core: CoreServices | null = null;
  let database: CabinetStore | null = null;
  /** With a shared store: tells the other instances that a subscriber's sessions must end. */
  let signOutElsewhere: ((subscriberId: string, reason: SubscriberSignOutReason) => void) | null = null;
  let autopayTimer: NodeJS.Timeout | null = null;
  const handset = new VirtualHandset(clock);
  const network = options.network ?? { sms: handset, confirmations: handset };

  const dispatcher = new Dispatcher({
    handlers: createHandlers({
      core: () => core,
      sessions,
      settings: options.settings,
      vault,
      storeReady: () => ready,
      lineLooked: (msisdn) => void raiseAlerts(msisdn),
      kiosk: { staff, host: options.kiosk?.host ?? null, logger },
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
    },
    onSubscriberSignedOut: (subscriberId, reason) => signOutElsewhere?.(subscriberId, reason),
  });

  const ready = (async (): Promise<Cabinet> => {
    // Codes and PUKs are keyed hashes under a key derived from the store's data key: it never sits in the database.
    const secretsOf = async () => new SecretHasher(Buffer.from(hkdfSync('sha256', await options.keyProvider.dataKey(), Buffer.alloc(0), 'subscriber-cabinet secret hashes', 32)));
    const seedOnce = async (store: CabinetStore, secrets: SecretHasher) => {
      if (!(await isUnseeded(store))) return;
      const data = options.operatorData ?? bundledOperatorData();
      await store.writeSql((sql) =>
        seedOperatorData(sql, data, { clock, ids, hashPassword: (password) => hasher.hash(password), hashPuk: (lineId, puk) => secrets.hash(lineId, puk) }),
      );
      logger.info('a new store was seeded with the operator data', { regions: data.regions.length, subscribers: data.demoSubscribers.length });
    };
    let secrets: SecretHasher;
    if (options.sharedStore) {
      secrets = await secretsOf();
      // Seeding runs under the schema lock: instances starting together seed once.
      const shared = await PostgresDatabase.open({ ...options.sharedStore, logger, prepare: (store) => seedOnce(store, secrets) });
      database = shared;
      await listenForSignOuts(shared, dispatcher, logger, (announce) => (signOutElsewhere = announce));
    } else {
      database = await EncryptedDatabase.open({ folder: options.dataDir, keyProvider: options.keyProvider, logger, ...options.storeTuning });
      secrets = await secretsOf();
      await seedOnce(database, secrets);
    }
    const recorder = new SignInRecorder(database, sessions, clock, ids);
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
      options.schedule ?? realSchedule,
    );
    handset.answerSink = (promptId, key) => confirmationSignIn.answer(promptId, key);
    const socialSignIn = new SocialSignIn(
      database,
      () => options.settings.socialProviders(),
      options.oauth ?? httpOAuthPorts(options.openInBrowser ?? (async () => logger.warn('no browser to open a social sign-in in'))),
      recorder,
      (windowId, provider, outcome, session) => {
        if (session) dispatcher.signInWindow(windowId, session);
        dispatcher.notify(windowId, 'social.resolved', { provider, outcome });
      },
      logger,
      clock,
    );
    const data = options.operatorData ?? bundledOperatorData();
    const monthlyFees = new MonthlyFees(clock, ids);
    const promisedPayments = new PromisedPayments(database, clock, ids, data.payments.promisedPayment);
    const rollovers = new RolloverMemo();
    const simBlocking = new SimBlocking(database, hasher, clock, ids, data.payments.simBlock);
    const accountOverview = new AccountOverviewService(database, clock, lineUpkeep(monthlyFees, promisedPayments, simBlocking), rollovers);
    const acquirer = options.acquirer ?? new TestAcquirer();
    const lineOf = async (msisdn: string) => (await database!.read((repos) => repos.credentials.forNumber(msisdn as E164)))?.lineId ?? null;
    const topUps = new TopUps(
      database,
      clock,
      ids,
      data.payments,
      acquirer,
      options.wallets ?? new TestWallets(),
      monthlyFees,
      logger,
      TEST_CARDS,
      options.acquirerTimeoutMs,
    );
    const supportData = options.supportData ?? bundledSupportData();
    const knowledgeBase = new KnowledgeBase(database);
    await knowledgeBase.sync(supportData.articles);
    const supportRequests = new SupportRequests(
      database,
      clock,
      ids,
      supportData.topics,
      options.supportDesk ?? new EmbeddedSupportDesk((text, limit) => knowledgeBase.search(text, limit)),
      logger,
    );
    const usageDetail = new UsageDetailService(database);
    core = {
      knowledgeBase,
      supportRequests,
      socialSignIn,
      passwordSignIn: new PasswordSignIn(database, hasher, recorder, clock),
      codeSignIn: new CodeSignIn(database, new OneTimeCodes(secrets, clock, ids), network.sms, recorder),
      pukSignIn: new PukSignIn(database, secrets, recorder, clock),
      confirmationSignIn,
      passwordSetting: new PasswordSetting(database, hasher, clock),
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
      transfers: new Transfers(database, clock, ids, data.payments, new OneTimeCodes(secrets, clock, ids), network.sms, monthlyFees),
      promisedPayments,
      paymentHistory: new PaymentHistory(database, data.payments.operator),
      autopay: new Autopay(database, clock, topUps, data.payments, logger),
      passwordChange: new PasswordChange(database, hasher, clock),
      simBlocking,
      profileSettings: new ProfileSettings(database, new OneTimeCodes(secrets, clock, ids), network.mail ?? handset, clock),
      profileNumbers: new ProfileNumbers(database, new OneTimeCodes(secrets, clock, ids), network.sms, clock, data.payments.profile.maxNumbers),
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
    };
    const autopay = core.autopay;
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
    return { dispatcher, database, handset, usage, close };
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
    const next = (alertQueues.get(msisdn) ?? Promise.resolve()).then(() => lookForAlerts(msisdn));
    alertQueues.set(msisdn, next);
    void next.finally(() => {
      if (alertQueues.get(msisdn) === next) alertQueues.delete(msisdn);
    });
    return next;
  }
  async function lookForAlerts(msisdn: string): Promise<void> {
    const opened = await ready.catch(() => null);
    if (!opened || !core) return;
    try {
      const credential = await opened.database.read((repos) => repos.credentials.forNumber(msisdn as E164));
      if (!credential) return;
      const overview = await core.accountOverview.forLine(credential.lineId);
      const preferences = (await opened.database.read((repos) => repos.profiles.get(credential.subscriberId, overview.asOf))).notifications;
      const { alerts, memo } = alertsFor(alertMemos.get(credential.lineId), overview, preferences, clock.now());
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
    await database?.close();
  }

  return { dispatcher, handset, ready, close };
}

/** Opens the store and wires everything, for callers whose key needs no unlocking (tests, the harness). */
export async function openCabinet(options: CabinetOptions): Promise<Cabinet> {
  return startCabinet(options).ready;
}

/**
 * Sessions live in each instance's memory; "sign out everywhere" (and a password change) must still end
 * the subscriber's sessions on every kiosk of the chain. The instance that ends them says so on a
 * PostgreSQL channel; every other instance ends its own. If the listening connection fails, notices
 * sent meanwhile are lost, so this instance ends all its sessions rather than keep one that should be gone.
 */
async function listenForSignOuts(
  store: PostgresDatabase,
  dispatcher: Dispatcher,
  logger: Logger,
  announceWith: (announce: (subscriberId: string, reason: SubscriberSignOutReason) => void) => void,
): Promise<void> {
  const instance = randomUUID();
  const channel = 'cabinet_sign_out';
  await store.listen(
    channel,
    (payload) => {
      try {
        const notice = JSON.parse(payload) as { from: string; subscriberId: string; reason: SubscriberSignOutReason };
        if (notice.from !== instance) dispatcher.endSubscriberSessions(notice.subscriberId, notice.reason);
      } catch {
        logger.warn('an unreadable sign-out notice was ignored');
      }
    },
    () => dispatcher.endAllSessions('expired'),
  );
  announceWith((subscriberId, reason) => {
    void store
      .writeSql((sql) => PostgresDatabase.notify(sql, channel, JSON.stringify({ from: instance, subscriberId, reason })))
      .catch((error: unknown) => logger.error('other instances could not be told of a sign-out', { error: String(error) }));
  });
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
