import type { ConfirmationGateway, SmsGateway } from '../core/auth/ports';
import { NotConfiguredError } from '../core/errors';
import type { Acquirer, AcquirerAnswer, WalletGateway } from '../core/money/ports';
import type { EmailGateway } from '../core/profile/ports';

/**
 * The adapters wired where neither demo mode nor a real adapter is: every call fails with NOT_CONFIGURED,
 * nothing is sent, nobody is charged. `configured: false` lets the core refuse before it writes anything.
 */
export class NotConfiguredNetwork implements SmsGateway, ConfirmationGateway, EmailGateway {
  readonly configured = false;

  async send(): Promise<void> {
    throw new NotConfiguredError('sms');
  }

  prompt(): void {
    throw new NotConfiguredError('sms');
  }

  close(): void {
    // No prompt was ever shown.
  }

  async sendMail(): Promise<void> {
    throw new NotConfiguredError('mail');
  }
}

export class NotConfiguredAcquirer implements Acquirer {
  readonly configured = false;
  readonly testMode = false;

  async charge(): Promise<AcquirerAnswer> {
    throw new NotConfiguredError('card-payments');
  }

  async completeChallenge(): Promise<AcquirerAnswer> {
    throw new NotConfiguredError('card-payments');
  }

  /** A payment left pending (by an acquirer configured before) stays pending: nobody can say it was not charged. */
  async status(): Promise<AcquirerAnswer> {
    throw new NotConfiguredError('card-payments');
  }
}

export class NotConfiguredWallets implements WalletGateway {
  readonly configured = false;

  async begin(): Promise<void> {
    throw new NotConfiguredError('wallets');
  }

  async finish(): Promise<{ outcome: 'declined' }> {
    throw new NotConfiguredError('wallets');
  }
}
