/**
 * Where the bank's 3-D Secure window may go. It opens the acquirer's confirmation page and may follow it only
 * within that page's host (and the hosts the operator listed in `cardAcquirer.confirmationHosts`), over https,
 * without credentials in the address. Reaching the return address (scheme, host and path of the `return_url`
 * the payment was created with; any query) ends it: the window closes there and never loads it. Everything
 * else is refused, so a page cannot lead the person anywhere else from a window of ours.
 */
export interface BankPagePolicy {
  /** host[:port], lower case. */
  allowedHosts: string[];
  returnUrl: string;
}

export type BankPageStep = 'allow' | 'returned' | 'deny';

export function bankPagePolicy(confirmationUrl: string, returnUrl: string, extraHosts: string[] = []): BankPagePolicy {
  const page = parse(confirmationUrl);
  if (!page || page.protocol !== 'https:' || page.username || page.password) throw new Error('confirmation_url: an https address without credentials');
  if (!parse(returnUrl)) throw new Error('return_url: an address');
  return { allowedHosts: [page.host, ...extraHosts.map((host) => host.toLowerCase())], returnUrl };
}

export function bankPageNavigation(url: string, policy: BankPagePolicy): BankPageStep {
  const target = parse(url);
  if (!target || target.username || target.password) return 'deny';
  const back = new URL(policy.returnUrl);
  if (target.protocol === back.protocol && target.host === back.host && target.pathname === back.pathname) return 'returned';
  if (target.protocol !== 'https:') return 'deny';
  return policy.allowedHosts.includes(target.host) ? 'allow' : 'deny';
}

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
