import { describe, expect, it } from 'vitest';
import { bankPageNavigation, bankPagePolicy, guardBankPage, type BankPageContents } from '../../electron/desktop/bankPagePolicy';

const RETURN = 'https://cabinet.invalid/payments/return';
const policy = bankPagePolicy('https://yoomoney.ru/checkout/payments/v2/contract?orderId=2d9e', RETURN, ['3ds.Bank.example']);

describe("the bank's 3-D Secure window", () => {
  it("stays on the acquirer's confirmation host and the hosts the operator listed", () => {
    expect(bankPageNavigation('https://yoomoney.ru/checkout/payments/v2/contract?orderId=2d9e&step=2', policy)).toBe('allow');
    expect(bankPageNavigation('https://3ds.bank.example/acs', policy)).toBe('allow');
  });

  it('closes when the page sends the person to the return address, whatever the query', () => {
    expect(bankPageNavigation(RETURN, policy)).toBe('returned');
    expect(bankPageNavigation(`${RETURN}?orderId=2d9e`, policy)).toBe('returned');
  });

  it('refuses any other host, a look-alike host, plain http, credentials in the address and other schemes', () => {
    for (const url of [
      'https://evil.example/phish',
      'https://yoomoney.ru.evil.example/',
      'https://evilyoomoney.ru/',
      'http://yoomoney.ru/checkout',
      'https://user:pass@yoomoney.ru/checkout',
      'https://yoomoney.ru@evil.example/',
      'https://yoomoney.ru:8443/checkout',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'app://cabinet/index.html',
      'https://cabinet.invalid/payments/return-not',
      'http://cabinet.invalid/payments/return',
      'not a url',
    ]) {
      expect(bankPageNavigation(url, policy), url).toBe('deny');
    }
  });

  it('is never opened on an address that is not https', () => {
    expect(() => bankPagePolicy('http://yoomoney.ru/checkout', RETURN)).toThrow(/https/);
    expect(() => bankPagePolicy('https://u:p@yoomoney.ru/checkout', RETURN)).toThrow(/credentials/);
  });
});

/** Web contents as the guards see them: the test fires Electron's events by hand and records what was refused. */
function recordingContents() {
  const listeners = new Map<string, (event: { preventDefault(): void; url?: string; isMainFrame?: boolean }, url: string) => void>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: BankPageContents = {
    on: (event: string, listener: (...args: never[]) => void) => listeners.set(event, listener as never),
    setWindowOpenHandler: (handler) => void (openHandler = handler),
  };
  const fire = (event: string, url: string, isMainFrame = true) => {
    let refused = false;
    listeners.get(event)!({ preventDefault: () => (refused = true), url, isMainFrame }, url);
    return refused ? 'refused' : 'went';
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe("the bank window's guards", () => {
  it('let the page move within its host, refuse the rest, and end the window at the return address without loading it', () => {
    const { contents, fire, open } = recordingContents();
    let returned = 0;
    guardBankPage(contents, policy, () => (returned += 1));
    expect(fire('will-navigate', 'https://yoomoney.ru/checkout/payments/v2/contract?step=2')).toBe('went');
    expect(fire('will-redirect', 'https://evil.example/')).toBe('refused');
    expect(fire('will-frame-navigate', 'https://evil.example/frame', false)).toBe('refused');
    expect(fire('will-frame-navigate', 'about:blank', false)).toBe('went');
    expect(fire('will-frame-navigate', 'about:blank', true)).toBe('refused');
    expect(returned).toBe(0);
    expect(fire('will-redirect', `${RETURN}?orderId=2d9e`)).toBe('refused');
    expect(returned).toBe(1);
    expect(open('https://yoomoney.ru/popup')).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview', '')).toBe('refused');
  });
});
