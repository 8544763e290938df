import type { SupportStatus } from './model';
import { DomainError } from '../errors';

/** What happens to a request; the desk reports the first two, the subscriber does the last two. */
export type RequestEvent = 'desk-took' | 'desk-answered' | 'subscriber-replied' | 'subscriber-closed';

/**
 * A request's status after an event. new → in work (the desk took it) → answered; the subscriber's reply puts
 * an answered request back in work; closed is final: the subscriber may not write to it, and a late desk answer
 * is kept without reopening it.
 */
export function nextStatus(current: SupportStatus, event: RequestEvent): SupportStatus {
  if (current === 'closed') {
    if (event === 'subscriber-replied') throw new DomainError('NOT_ELIGIBLE', 'the request is closed', { reason: 'request-closed' });
    return 'closed';
  }
  switch (event) {
    case 'desk-took':
      return current === 'new' ? 'in-work' : current;
    case 'desk-answered':
      return 'answered';
    case 'subscriber-replied':
      return current === 'answered' ? 'in-work' : current;
    case 'subscriber-closed':
      return 'closed';
  }
}
