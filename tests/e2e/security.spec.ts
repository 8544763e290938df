import type { Page } from '@playwright/test';
import { formatRubles } from '../../shared/money';
import { demoById, demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { openAccountMenu, signInAs, signOutThroughMenu, switchNumber } from './session';

async function newestCode(phone: Page, msisdn: string, about: RegExp): Promise<string> {
  await phone.getByLabel('SIM-карта').selectOption(msisdn);
  const newest = phone.getByRole('listitem').first();
  await expect(newest).toContainText(about);
  return /: (\d{6})\./.exec((await newest.textContent()) ?? '')![1]!;
}

test('the password is changed with the current one, and the next sign-in takes only the new one', async ({ page, harness }) => {
  const demo = demoSubscriber(1);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Безопасность' }).click();
  await page.getByLabel('Текущий пароль').fill('not-the-password');
  await page.getByLabel('Новый пароль', { exact: true }).fill('Baikal-Omul-2031');
  await expect(page.getByText(/Надёжность пароля: (хороший|отличный)/)).toBeVisible();
  await page.getByLabel('Повторите новый пароль').fill('Baikal-Omul-2031');
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByText('Текущий пароль неверен')).toBeVisible();
  await page.getByLabel('Текущий пароль').fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Сменить пароль' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Пароль изменён' })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);

  await signOutThroughMenu(page);
  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный номер или пароль');
  await signInAs(page, demo.line.msisdn, 'Baikal-Omul-2031');
});

test('a lost phone: the SIM is blocked with the password, the phone loses service and gets no SMS code, then it is unblocked', async ({ page, harness, context }) => {
  const demo = demoSubscriber(4);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Безопасность' }).click();
  await page.getByRole('button', { name: 'Заблокировать SIM-карту' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Пароль от личного кабинета').fill(demo.subscriber.password);
  await dialog.getByRole('button', { name: 'Заблокировать SIM-карту' }).click();
  await expect(page.getByText(/SIM-карта номера .* заблокирована/)).toBeVisible();
  await expect(page.getByText(/бесплатно до .* включительно, затем 1\s₽ в сутки/)).toBeVisible();
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText('Номер заблокирован');

  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await expect(phone.getByText('Нет сети — SIM-карта заблокирована')).toBeVisible();

  const other = await context.newPage();
  await openCabinet(other, harness);
  await other.getByRole('tab', { name: 'По коду из SMS' }).click();
  await other.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await other.getByRole('button', { name: 'Получить код' }).click();
  // Answered as any number is (issue 17); the page points to the password or the PUK, and no SMS comes.
  await expect(other.getByRole('status')).toContainText('Если номер');
  await expect(other.getByText(/Если SIM-карта заблокирована, войдите по паролю или PUK-коду/)).toBeVisible();

  await page.getByRole('link', { name: 'Безопасность' }).click();
  await page.getByRole('button', { name: 'Разблокировать SIM-карту' }).click();
  await page.getByRole('dialog').getByLabel('Пароль от личного кабинета').fill(demo.subscriber.password);
  await page.getByRole('dialog').getByRole('button', { name: 'Разблокировать SIM-карту' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'SIM-карта разблокирована' })).toBeVisible();
  await phone.reload();
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await expect(phone.getByText('Нет сети — SIM-карта заблокирована')).toBeHidden();
});

test('a second number is attached with the code from its phone, switched to in the header, and detached', async ({ page, harness, context }) => {
  const dmitry = demoSubscriber(1);
  const olga = demoById('olga-kim');
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password);
  await page.getByRole('link', { name: 'Мои номера' }).click();
  await page.getByLabel('Номер телефона').fill(typedDigits(olga.line.msisdn));
  await page.getByRole('button', { name: 'Получить код на этот номер' }).click();
  await expect(page.getByText(/Код отправлен в SMS на номер/)).toBeVisible();
  await page.getByLabel('Код из SMS').fill(await newestCode(phone, olga.line.msisdn, /привязки номера/));
  await page.getByRole('button', { name: 'Привязать' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'привязан' })).toBeVisible();

  await page.getByRole('link', { name: 'Главная' }).click();
  await switchNumber(page, olga.line.msisdn);
  await expect(page.getByText(olga.tariff.name.ru, { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Баланс' })).toContainText(formatRubles(olga.line.openingBalanceKopecks, 'ru'));

  await page.getByRole('link', { name: 'Мои номера' }).click();
  await page.getByRole('button', { name: /^Отвязать номер/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'отвязан' })).toBeVisible();
  await openAccountMenu(page);
  await expect(page.getByRole('group', { name: 'Номера профиля' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByText(dmitry.tariff.name.ru, { exact: true })).toBeVisible();
});
