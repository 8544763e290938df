import { initialSchema } from './0001-initial-schema';
import { signInSecrets } from './0002-sign-in-secrets';
import { socialIdentities } from './0003-social-identities';
import { tariffOverage } from './0004-tariff-overage';
import { tariffSince } from './0005-tariff-since';
import { servicesOnLines } from './0006-services-on-lines';
import { feesPaid } from './0007-fees-paid';
import { money } from './0008-money';
import { autopay } from './0009-autopay';
import { rolloverAndUnlimited } from './0010-rollover-unlimited';
import { securityAndNumbers } from './0011-security-numbers';
import { profiles } from './0012-profiles';
import { support } from './0013-support';
import { runningUsageTotals } from './0014-running-usage-totals';
import { codesPerSubject } from './0015-codes-per-subject';
import { transferConfirmationDay } from './0016-transfer-confirmation-day';
import { signInGuardEvents } from './0017-sign-in-guard-events';
import { codeSentAt } from './0018-code-sent-at';
import { smsMessages } from './0019-sms-messages';
import { mailOutbox } from './0020-mail-outbox';
import { remaindersLedger } from './0021-remainders-ledger';
import { subscriptionsBansBudgets } from './0022-subscriptions-bans-budgets';

/**
 * One step of the schema, for both stores. Write `statements` in SQL that SQLite and PostgreSQL both
 * accept and stop there: the shared store runs the same statements, with INTEGER widened to BIGINT and
 * TEXT compared byte-wise (electron/store/postgres/dialect.ts). Only a step that truly differs (a SQLite
 * table rebuild, a PostgreSQL-only index type) adds `postgres`, its whole PostgreSQL form.
 */
export interface Migration {
  /** Versions are consecutive integers; a store records each one it applied. */
  version: number;
  name: string;
  /** Statements in SQL that SQLite and PostgreSQL both accept. */
  statements: string[];
  /**
   * Statements only the SQLite store runs, after `statements` (FTS4 virtual tables). A PostgreSQL store maps
   * each to its own equivalent (a tsvector index) behind the same repository method.
   */
  sqliteOnly?: string[];
  /** The PostgreSQL form, only where it must differ from `statements` (translated the same way). */
  postgres?: string[];
}

/** Every migration, in order. Forward only: a released migration is never edited. */
export const migrations: Migration[] = [initialSchema, signInSecrets, socialIdentities, tariffOverage, tariffSince, servicesOnLines, feesPaid, money, autopay, rolloverAndUnlimited, securityAndNumbers, profiles, support, runningUsageTotals, codesPerSubject, transferConfirmationDay, signInGuardEvents, codeSentAt, smsMessages, mailOutbox, remaindersLedger, subscriptionsBansBudgets];

export const latestSchemaVersion = migrations.at(-1)!.version;
