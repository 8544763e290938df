import { AccountOverviewService } from './core/account/accountOverview';
import { PasswordHasher, type ScryptCost } from './core/auth/passwordHasher';
import { PasswordSignIn } from './core/auth/passwordSignIn';
import { SessionRegistry, type SessionPolicy } from './core/auth/sessions';
import { systemClock, type Clock } from './core/clock';
import { randomIds, type IdGenerator } from './core/ids';
import { silentLogger, type Logger } from './core/logger';
import { Dispatcher } from './ipc/dispatcher';
import { createHandlers, type CoreServices } from './ipc/handlers';
import type { SettingsStore } from './settings/settingsStore';
import { EncryptedDatabase, type OpenOptions } from './store/encryptedDatabase';
import type { KeyProvider } from './store/keyProvider';
import type { PassphraseVault } from './store/passphraseVault';
import { bundledOperatorData } from './store/seed/bundledOperatorData';
import type { OperatorData } from './store/seed/operatorData';
import { seedOperatorData } from './store/seed/seedOperatorData';

export interface CabinetOptions {
  /** Folder of the encrypted store (the user-data folder in the app, a temp folder in tests). */
  dataDir: string;
  /** Where the store's key comes from; a PassphraseVault makes the store wait for `vault.unlock`. */
  keyProvider: KeyProvider | PassphraseVault;
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
  storeTuning?: Pick<OpenOptions, 'checkpointBytes' | 'idleCheckpointMs' | 'keepBackups'>;
  /** How often expired sessions are swept and their windows told; 0 turns the timer off (tests sweep by hand). */
  sweepIntervalMs?: number;
}

export interface Cabinet {
  dispatcher: Dispatcher;
  database: EncryptedDatabase;
  close(): Promise<void>;
}

export interface CabinetHost {
  /** Serves calls at once: before the store is open, only the vault and settings methods answer. */
  dispatcher: Dispatcher;
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
  const logger = options.logger ?? silentLogger;
  const hasher = new PasswordHasher(options.passwordCost);
  const sessions = new SessionRegistry(clock, ids, options.sessionPolicy);
  const vault = 'unlock' in options.keyProvider ? options.keyProvider : null;
  let core: CoreServices | null = null;
  let database: EncryptedDatabase | null = null;

  const dispatcher = new Dispatcher({
    handlers: createHandlers({ core: () => core, sessions, settings: options.settings, vault, storeReady: () => ready }),
    sessions,
    trustedOrigins: options.trustedOrigins,
    logger,
  });

  const ready = (async (): Promise<Cabinet> => {
    database = await EncryptedDatabase.open({ folder: options.dataDir, keyProvider: options.keyProvider, logger, ...options.storeTuning });
    if (await isUnseeded(database)) {
      const data = options.operatorData ?? bundledOperatorData();
      await database.writeSql((sql) => seedOperatorData(sql, data, { clock, ids, hashPassword: (password) => hasher.hash(password) }));
      logger.info('a new store was seeded with the operator data', { regions: data.regions.length, subscribers: data.demoSubscribers.length });
    }
    core = {
      sessions,
      passwordSignIn: new PasswordSignIn(database, hasher, sessions, clock, ids),
      accountOverview: new AccountOverviewService(database, clock),
    };
    return { dispatcher, database, close };
  })();
  ready.catch(() => undefined);

  const sweepEvery = options.sweepIntervalMs ?? 30_000;
  const sweeper = sweepEvery > 0 ? setInterval(() => dispatcher.sweepExpiredSessions(), sweepEvery) : null;
  sweeper?.unref();

  async function close(): Promise<void> {
    if (sweeper) clearInterval(sweeper);
    await database?.close();
  }

  return { dispatcher, ready, close };
}

/** Opens the store and wires everything, for callers whose key needs no unlocking (tests, the harness). */
export async function openCabinet(options: CabinetOptions): Promise<Cabinet> {
  return startCabinet(options).ready;
}

async function isUnseeded(database: EncryptedDatabase): Promise<boolean> {
  const row = await database.readSql(async (sql) => sql.one<{ regions: number }>('SELECT COUNT(*) AS regions FROM regions'));
  return (row?.regions ?? 0) === 0;
}
