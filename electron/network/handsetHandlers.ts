import type { HandsetHandlers } from '../../shared/contract/handset';
import type { E164 } from '../../shared/phone';
import type { UnitOfWork } from '../core/unitOfWork';
import type { PackageKind } from '../../shared/contract/account';
import type { VirtualHandset } from './virtualHandset';

/** What the virtual handset's window may ask: the operator's numbers, an inbox, open prompts, a key press. */
export interface HandsetUsage {
  /** Rates a call (minutes), SMS (count) or data (megabytes) made on the phone; null until the store is open. */
  use(msisdn: E164, kind: PackageKind, quantity: number, app?: string): Promise<{ chargedKopecks: number; balanceAfterKopecks: number; freeBy: string | null }>;
}

export function createHandsetHandlers(handset: VirtualHandset, store: () => UnitOfWork | null, usage: () => HandsetUsage | null): HandsetHandlers {
  return {
    lines: async () => {
      const uow = store();
      if (!uow) return [];
      const entries = await uow.read((repos) => repos.account.directory());
      return entries.map((entry) => ({ msisdn: entry.msisdn, subscriberName: entry.subscriberName, blocked: entry.status === 'blocked' }));
    },
    inbox: async ({ msisdn }) => handset.inbox(msisdn as E164),
    prompts: async ({ msisdn }) => handset.openPrompts(msisdn as E164),
    mailbox: async () => handset.mailbox(),
    press: async ({ promptId, key }) => ({ accepted: await handset.press(promptId, key) }),
    use: async ({ msisdn, kind, amount, app }) => {
      const line = usage();
      if (!line) throw Object.assign(new Error('the store is not open yet'), { code: 'STORE_UNAVAILABLE' });
      // The phone speaks in minutes and megabytes; the rating engine in seconds and kilobytes.
      const quantity = kind === 'voice' ? amount * 60 : kind === 'data' ? amount * 1024 : amount;
      return line.use(msisdn as E164, kind, quantity, kind === 'data' && app !== 'any' ? app : undefined);
    },
  };
}
