import type { AccountRepository, BillingRepository, LedgerRepository, ServiceRepository, TariffRepository, UsageRepository } from './account/ports';
import type { AutopayRepository, PaymentRepository, PromisedRepository, SavedCardRepository } from './money/ports';
import type { ProfileRepository } from './profile/ports';
import type { MailOutboxRepository } from './mail/ports';
import type { ProfileLineRepository, SimBlockRepository } from './security/ports';
import type { KnowledgeBaseRepository, SupportRequestRepository } from './support/ports';
import type { CredentialRepository, OtpRepository, PasswordFailureRepository, PukRepository, SignInGuardRepository, SignInRecordRepository, SocialIdentityRepository } from './auth/ports';
import type { SmsMessageRepository } from './sms/ports';
import type { RemainderRepository } from './remainders/ports';
import type { BudgetRepository, ContentSubscriptionRepository, LineBanRepository } from './subscriptions/ports';

/** Everything the core reads and writes, as async repositories; the store implements them. */
export interface Repositories {
  readonly account: AccountRepository;
  readonly usage: UsageRepository;
  readonly tariffs: TariffRepository;
  readonly services: ServiceRepository;
  readonly billing: BillingRepository;
  readonly ledger: LedgerRepository;
  readonly payments: PaymentRepository;
  readonly savedCards: SavedCardRepository;
  readonly promised: PromisedRepository;
  readonly autopay: AutopayRepository;
  readonly simBlocks: SimBlockRepository;
  readonly profileLines: ProfileLineRepository;
  readonly credentials: CredentialRepository;
  readonly signIns: SignInRecordRepository;
  readonly otps: OtpRepository;
  readonly passwordFailures: PasswordFailureRepository;
  readonly puks: PukRepository;
  readonly signInGuard: SignInGuardRepository;
  readonly socialIdentities: SocialIdentityRepository;
  readonly profiles: ProfileRepository;
  readonly supportRequests: SupportRequestRepository;
  readonly knowledgeBase: KnowledgeBaseRepository;
  readonly mailOutbox: MailOutboxRepository;
  readonly smsMessages: SmsMessageRepository;
  readonly remainders: RemainderRepository;
  readonly contentSubscriptions: ContentSubscriptionRepository;
  readonly lineBans: LineBanRepository;
  readonly budgets: BudgetRepository;
}

/**
 * Explicit transactions: `write` commits all of `work` or nothing, and resolves only once
 * the commit is durable; `read` sees a consistent state. Units of work never interleave.
 */
export interface UnitOfWork {
  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}
