import type { HandsetHandlers } from '../../shared/contract/handset';
import type { E164 } from '../../shared/phone';
import type { UnitOfWork } from '../core/unitOfWork';
import type { VirtualHandset } from './virtualHandset';

/** What the virtual handset's window may ask: the operator's numbers, an inbox, open prompts, a key press. */
export function createHandsetHandlers(handset: VirtualHandset, store: () => UnitOfWork | null): HandsetHandlers {
  return {
    lines: async () => {
      const uow = store();
      if (!uow) return [];
      const entries = await uow.read((repos) => repos.account.directory());
      return entries.map((entry) => ({ msisdn: entry.msisdn, subscriberName: entry.subscriberName, blocked: entry.status === 'blocked' }));
    },
    inbox: async ({ msisdn }) => handset.inbox(msisdn as E164),
    prompts: async ({ msisdn }) => handset.openPrompts(msisdn as E164),
    press: async ({ promptId, key }) => ({ accepted: await handset.press(promptId, key) }),
  };
}
