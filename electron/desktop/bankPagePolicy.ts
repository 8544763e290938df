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

/** The part of Electron's WebContents the bank window's guards use (a recording fake in the tests). */
export interface BankPageContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url?: string; isMainFrame?: boolean }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Holds the bank window to its policy: a navigation or redirect (of any frame) off the allowed hosts is refused;
 * reaching the return address is refused too — the page is not loaded — and `returned` is called (the window
 * closes); nothing opens a new window or a webview.
 */
export function guardBankPage(contents: BankPageContents, policy: BankPagePolicy, returned: () => void): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    const step = bankPageNavigation(url, policy);
    if (step === 'allow') return;
    event.preventDefault();
    if (step === 'returned') returned();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-frame-navigate', (event) => {
    // A bank page's own empty frames (scripts write into them) are not navigation anywhere.
    if (event.isMainFrame === false && (event.url === 'about:blank' || event.url === 'about:srcdoc')) return;
    guard(event, event.url ?? '');
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
