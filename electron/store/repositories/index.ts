import type { Repositories } from '../../core/unitOfWork';
import type { SqlExecutor } from '../sqlExecutor';
import { SqlAccountRepository } from './accountRepository';
import { SqlCredentialRepository } from './credentialRepository';
import { SqlSignInRecordRepository } from './signInRecordRepository';
import { SqlOtpRepository } from './otpRepository';
import { SqlPasswordFailureRepository } from './passwordFailureRepository';
import { SqlPukRepository } from './pukRepository';
import { SqlSignInGuardRepository } from './signInGuardRepository';
import { SqlSocialIdentityRepository } from './socialIdentityRepository';
import { SqlUsageRepository } from './usageRepository';
import { SqlLedgerRepository } from './ledgerRepository';
import { SqlTariffRepository } from './tariffRepository';
import { SqlServiceRepository } from './serviceRepository';
import { SqlBillingRepository } from './billingRepository';
import { SqlProfileLineRepository, SqlSimBlockRepository } from './securityRepositories';
import { SqlProfileRepository } from './profileRepository';
import { SqlKnowledgeBaseRepository, SqlSupportRequestRepository } from './supportRepositories';
import { SqlMailOutboxRepository } from './mailOutboxRepository';
import { SqlSmsMessageRepository } from './smsMessageRepository';
import { SqlRemainderRepository } from './remainderRepository';
import { SqlBudgetRepository, SqlContentSubscriptionRepository, SqlLineBanRepository } from './subscriptionRepositories';
import { UnitOfWorkReads } from './unitOfWorkReads';
import { SqlAutopayRepository, SqlPaymentRepository, SqlPromisedRepository, SqlSavedCardRepository } from './moneyRepositories';

/** One unit of work's repositories, over its statements (reads it asks for again answered once, until it writes). */
export function sqlRepositories(executor: SqlExecutor): Repositories {
  const sql = new UnitOfWorkReads(executor);
  return {
    account: new SqlAccountRepository(sql),
    usage: new SqlUsageRepository(sql),
    ledger: new SqlLedgerRepository(sql),
    tariffs: new SqlTariffRepository(sql),
    services: new SqlServiceRepository(sql),
    billing: new SqlBillingRepository(sql),
    payments: new SqlPaymentRepository(sql),
    savedCards: new SqlSavedCardRepository(sql),
    promised: new SqlPromisedRepository(sql),
    autopay: new SqlAutopayRepository(sql),
    simBlocks: new SqlSimBlockRepository(sql),
    profileLines: new SqlProfileLineRepository(sql),
    credentials: new SqlCredentialRepository(sql),
    signIns: new SqlSignInRecordRepository(sql),
    otps: new SqlOtpRepository(sql),
    passwordFailures: new SqlPasswordFailureRepository(sql),
    puks: new SqlPukRepository(sql),
    signInGuard: new SqlSignInGuardRepository(sql),
    socialIdentities: new SqlSocialIdentityRepository(sql),
    profiles: new SqlProfileRepository(sql),
    supportRequests: new SqlSupportRequestRepository(sql),
    knowledgeBase: new SqlKnowledgeBaseRepository(sql),
    mailOutbox: new SqlMailOutboxRepository(sql),
    smsMessages: new SqlSmsMessageRepository(sql),
    remainders: new SqlRemainderRepository(sql),
    contentSubscriptions: new SqlContentSubscriptionRepository(sql),
    lineBans: new SqlLineBanRepository(sql),
    budgets: new SqlBudgetRepository(sql),
  };
}
