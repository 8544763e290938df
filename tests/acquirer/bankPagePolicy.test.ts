import { describe, expect, it } from 'vitest';
import { bankPageNavigation, bankPagePolicy } from '../../electron/desktop/bankPagePolicy';

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
