import type { BankPageHost } from '../../electron/core/money/ports';
import { silentLogger } from '../../electron/core/logger';
import { YooKassaAcquirer } from '../../electron/network/yookassa/yookassaAcquirer';
import { formatRubles } from '../../shared/money';
import { startYooKassaServer, type YooKassaTestServer } from '../acquirer/yookassaServer';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test as base } from './fixtures';
import { signInAs } from './session';

/**
 * Card top-ups through a YooKassa acquirer (the local HTTPS protocol server of tests/acquirer): the bank confirms on
 * its own page. The app opens it in a window of its own; here the test is the person in that window.
 */
class BankWindow implements BankPageHost {
  private open: { url: string; done: (outcome: 'returned' | 'closed') => void } | null = null;

  show(request: { url: string }): Promise<'returned' | 'closed'> {
    return new Promise((done) => (this.open = { url: request.url, done }));
  }

  close(): boolean {
    if (!this.open) return false;
    this.open.done('closed');
    this.open = null;
    return true;
  }

  closeAll(): void {
    this.close();
  }

  /** The person confirms on the bank's page, which sends them back to the return address. */
  async approve(server: YooKassaTestServer): Promise<void> {
    await expect.poll(() => this.open !== null).toBe(true);
    const { url, done } = this.open!;
    await server.bankPage(url, true);
    this.open = null;
    done('returned');
  }
}

const test = base.extend<{ yookassa: YooKassaTestServer; bank: BankWindow }>({
  yookassa: async ({}, use) => {
    const server = await startYooKassaServer();
    await use(server);
    await server.close();
  },
  bank: async ({}, use) => use(new BankWindow()),
  harnessOptions: async ({ yookassa, bank }, use) =>
    use({
      acquirer: new YooKassaAcquirer({
        apiUrl: yookassa.url,
        shopId: yookassa.shopId,
        secretKey: yookassa.secretKey,
        ca: yookassa.ca,
        timeoutMs: 5_000,
        attempts: 2,
        backoffMs: 50,
        returnUrl: 'https://cabinet.invalid/payments/return',
        logger: silentLogger,
      }),
      bankPages: bank,
    }),
});

const anna = demoSubscriber(0);
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

test("3-D Secure on the bank's page: the cabinet waits for the bank's window, then the balance is topped up once", async ({ page, harness, yookassa, bank }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  // No test cards: a real acquirer.
  await expect(page.getByText('Тестовый режим')).toHaveCount(0);
  await page.getByLabel('Сумма, ₽').fill('300');
  await page.getByLabel('Номер карты').fill('4000 0000 0000 3220');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: /^Пополнить/ }).click();

  const waiting = page.getByRole('dialog', { name: 'Подтвердите оплату в окне банка' });
  await expect(waiting).toContainText(rub(30_000));
  await expect(waiting.getByRole('status')).toContainText('Ждём ответа банка');
  await bank.approve(yookassa);
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(rub(30_000));
  expect(yookassa.charges()).toBe(1);
});

test("closing the bank's window from the cabinet leaves the payment unconfirmed and nothing credited", async ({ page, harness, yookassa }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Сумма, ₽').fill('300');
  await page.getByLabel('Номер карты').fill('4000 0000 0000 3220');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: /^Пополнить/ }).click();

  const waiting = page.getByRole('dialog', { name: 'Подтвердите оплату в окне банка' });
  await waiting.getByRole('button', { name: 'Отменить' }).click();
  await expect(waiting).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Банк ещё не подтвердил оплату' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Открыть окно банка' })).toBeVisible();
  expect(yookassa.charges()).toBe(0);
});
