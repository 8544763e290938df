import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

test('a call made on the phone takes minutes off the package, and the cabinet shows it at once', async ({ page, harness, context }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  const minutes = page.getByRole('progressbar', { name: 'Минуты' });
  const before = Number(await minutes.getAttribute('aria-valuenow'));

  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await phone.getByLabel('Что').selectOption('voice');
  await phone.getByLabel('Сколько').fill('12');
  await phone.getByRole('button', { name: 'Использовать' }).click();
  await expect(phone.getByRole('status')).toHaveText('Из пакета, без списания');

  // No reload and no polling: the main side tells the window.
  await expect(minutes).toHaveAttribute('aria-valuenow', String(before - 12));
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toContainText(`Осталось ${before - 12} мин`);
});

test('data beyond the package is charged from the balance, and the balance on screen follows', async ({ page, harness, context }) => {
  const demo = demoSubscriber(2); // uses most of her data every month
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  const dataLeft = Number(await page.getByRole('progressbar', { name: 'Интернет' }).getAttribute('aria-valuenow'));
  const balance = page.getByRole('region', { name: 'Баланс' });
  const before = await balance.textContent();

  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await phone.getByLabel('Что').selectOption('data');
  // The phone takes at most 10,000 MB at a time: the package first, then 300 MB beyond it.
  for (let rest = dataLeft + 300; rest > 0; rest -= 10_000) {
    await phone.getByLabel('Сколько').fill(String(Math.min(rest, 10_000)));
    await phone.getByRole('button', { name: 'Использовать' }).click();
    await expect(phone.getByRole('status')).toContainText(rest > 10_000 ? 'Из пакета' : 'Списано');
  }

  await expect(page.getByRole('progressbar', { name: 'Интернет' })).toHaveAttribute('aria-valuenow', '0');
  await expect(balance).not.toHaveText(before ?? '');
});
