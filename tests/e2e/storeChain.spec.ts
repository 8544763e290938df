// Two kiosks of a store chain: two harnesses (two app instances) on one PostgreSQL database.
import { startPostgres, type PostgresServer } from '../harness/postgresServer';
import { startHarness, type Harness } from '../harness/server';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { formatRubles } from '../../shared/money';
import { demoSubscriber } from './demoData';
import { expect, test } from './fixtures';
import { signInAs } from './session';

const anna = demoSubscriber(0);
const rub = (kopecks: number) => formatRubles(kopecks, 'ru');
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

let server: PostgresServer;
let kiosks: Harness[] = [];

// Two app instances, two pages and a database server: more to start than one harness.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  server = await startPostgres();
  const url = await server.createDatabase('chain');
  // Started together: the schema lock lets one of them migrate and seed.
  // Demo mode is refused with a shared store: the test configures the (test-mode) acquirer as the chain's bank.
  kiosks = await Promise.all([1, 2].map(() => startHarness({ sharedStore: { url, poolSize: 4 }, acquirer: new TestAcquirer() })));
});

test('a store chain runs without demo mode: no badge, no virtual handset', async ({ page }) => {
  for (const kiosk of kiosks) {
    expect(kiosk.demo).toEqual({ mode: 'refused', reason: 'shared-store', source: 'flag' });
    expect(kiosk.host.handset).toBeNull();
  }
  await page.goto(kiosks[0]!.url);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await expect(page.getByText('Демо-режим не включён: с общей базой магазинов он запрещён')).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
});

test.afterAll(async () => {
  await Promise.all(kiosks.map((kiosk) => kiosk.close()));
  await server?.stop();
});

test('a top-up made at one kiosk is on the balance at the other', async ({ page, browser }) => {
  const [first, second] = kiosks as [Harness, Harness];
  await page.goto(first.url);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  const elsewhere = await browser.newPage({ locale: 'ru-RU' });
  await elsewhere.goto(second.url);
  await signInAs(elsewhere, anna.line.msisdn, anna.subscriber.password);
  await expect(elsewhere.getByRole('region', { name: 'Баланс' })).toContainText(rub(anna.line.openingBalanceKopecks));

  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Сумма, ₽').fill('500');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: /^Пополнить/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Баланс пополнен' })).toContainText(`Баланс пополнен на ${rub(50_000)}`);

  // The other kiosk reads the same database: its main screen shows the new balance once opened again.
  // Each page is waited for: a click on «Главная» while «Платежи» is still loading cancels that navigation and
  // leaves the main screen as it was, which is not the «away and back» this test means.
  await elsewhere.getByRole('link', { name: 'Платежи' }).click();
  await expect(elsewhere.getByRole('heading', { name: 'Платежи' })).toBeVisible();
  await elsewhere.getByRole('link', { name: 'Главная' }).click();
  await expect(elsewhere.getByRole('region', { name: 'Баланс' })).toContainText(rub(anna.line.openingBalanceKopecks + 50_000));
  // And its payment history has the payment made at the first kiosk.
  await elsewhere.getByRole('link', { name: 'Платежи' }).click();
  await elsewhere.getByRole('tab', { name: 'История' }).click();
  await expect(elsewhere.getByRole('main')).toContainText('Visa •• 1111');
  await elsewhere.close();
});
