import { AccountOverviewService } from './core/account/accountOverview';
import { PasswordHasher, type ScryptCost } from './core/auth/passwordHasher';
import { PasswordSignIn } from './core/auth/passwordSignIn';
import { SessionRegistry, type SessionPolicy } from './core/auth/sessions';
import { systemClock, type Clock } from './core/clock';
import { randomIds, type IdGenerator } from './core/ids';
import { silentLogger, type Logger } from './core/logger';
import { Dispatcher } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import type { SettingsStore } from './settings/settingsStore';
import { EncryptedDatabase, type OpenOptions } from './store/encryptedDatabase';
import type { KeyProvider } from './store/keyProvider';
import { bundledOperatorData } from './store/seed/bundledOperatorData';
import type { OperatorData } from './store/seed/operatorData';
import { seedOperatorData } from './store/seed/seedOperatorData';

export interface CabinetOptions {
  /** Folder of the encrypted store (the user-data folder in the app, a temp folder in tests). */
  dataDir: string;
  keyProvider: KeyProvider;
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

/** Wires the core, the encrypted store and the dispatcher: the same for Electron and the test harness. */
export async function openCabinet(options: CabinetOptions): Promise<Cabinet> {
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const logger = options.logger ?? silentLogger;
  const hasher = new PasswordHasher(options.passwordCost);

  const database = await EncryptedDatabase.open({
    folder: options.dataDir,
    keyProvider: options.keyProvider,
    logger,
    ...options.storeTuning,
  });
  if (await isUnseeded(database)) {
    const data = options.operatorData ?? bundledOperatorData();
    await database.writeSql((sql) => seedOperatorData(sql, data, { clock, ids, hashPassword: (password) => hasher.hash(password) }));
    logger.info('a new store was seeded with the operator data', { regions: data.regions.length, subscribers: data.demoSubscribers.length });
  }

  const sessions = new SessionRegistry(clock, ids, options.sessionPolicy);
  const dispatcher = new Dispatcher({
    handlers: createHandlers({
      sessions,
      passwordSignIn: new PasswordSignIn(database, hasher, sessions, clock, ids),
      accountOverview: new AccountOverviewService(database, clock),
      settings: options.settings,
    }),
    sessions,
    trustedOrigins: options.trustedOrigins,
    logger,
  });

  const sweepEvery = options.sweepIntervalMs ?? 30_000;
  const sweeper = sweepEvery > 0 ? setInterval(() => dispatcher.sweepExpiredSessions(), sweepEvery) : null;
  sweeper?.unref();

  return {
    dispatcher,
    database,
    close: async () => {
      if (sweeper) clearInterval(sweeper);
      await database.close();
    },
  };
}

async function isUnseeded(database: EncryptedDatabase): Promise<boolean> {
  const row = await database.readSql(async (sql) => sql.one<{ regions: number }>('SELECT COUNT(*) AS regions FROM regions'));
  return (row?.regions ?? 0) === 0;
}
