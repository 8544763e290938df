import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

// Issue 16 finding 3: test doubles only in an explicit demo mode, which every screen shows.
const anna = demoSubscriber(0);

test('in demo mode every screen shows the «Демо-режим» badge', async ({ page, harness }) => {
  expect(harness.demo).toEqual({ mode: 'on', source: 'flag' });
  await openCabinet(page, harness);
  await expect(page.getByTestId('demo-badge')).toHaveText(/Демо-режим/);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await page.getByRole('link', { name: 'Платежи' }).click();
  await expect(page.getByRole('heading', { name: 'Платежи' })).toBeVisible();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByTestId('payments-not-configured')).toHaveCount(0);
});

test.describe('without demo mode', () => {
  test.use({ harnessOptions: { demo: false } });

  test('no badge, no handset; SMS ways and card payments say they are not set up; the password signs in', async ({ page, harness }) => {
    expect(harness.demo).toEqual({ mode: 'off' });
    expect(harness.host.handset).toBeNull();
    await openCabinet(page, harness);
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    await expect(page.getByTestId('demo-badge')).toHaveCount(0);
    await page.getByRole('tab', { name: 'По коду из SMS' }).click();
    await expect(page.getByTestId('sms-not-configured')).toHaveText(/SMS-коды и подтверждения на телефоне на этом компьютере не настроены/);
    await page.getByRole('tab', { name: 'По паролю' }).click();
    await signInAs(page, anna.line.msisdn, anna.subscriber.password);
    await page.getByRole('link', { name: 'Платежи' }).click();
    await expect(page.getByRole('tab', { name: 'Картой' })).toBeVisible();
    await expect(page.getByTestId('payments-not-configured')).toHaveText(/Оплата картой на этом компьютере не настроена/);
    await expect(page.getByLabel('Номер карты')).toHaveCount(0);
  });
});
