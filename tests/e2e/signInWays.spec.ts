import type { Page } from '@playwright/test';
import { formatRussianNumber } from '../../shared/phone';
import { demoById, demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { openAccountMenu, signOutThroughMenu } from './session';

/** Reads the newest SMS on the virtual handset page, the phone that is another device, as a person would. */
async function codeFromPhone(phone: Page, msisdn: string): Promise<string> {
  await phone.getByLabel('SIM-карта').selectOption(msisdn);
  const newest = phone.getByRole('listitem').first();
  await expect(newest).toContainText(/\b\d{6}\b/);
  return /\b(\d{6})\b/.exec((await newest.textContent()) ?? '')![1]!;
}

async function chooseWay(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name }).click();
}

test('a one-time code from the phone signs in («Вход по коду»)', async ({ page, harness, context }) => {
  const demo = demoSubscriber(1);
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await chooseWay(page, 'По коду из SMS');
  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await page.getByRole('button', { name: 'Получить код' }).click();
  // The same words for every number (issue 17): nobody learns from them whether a number is ours.
  await expect(page.getByRole('status')).toContainText(`Если номер ${formatRussianNumber(demo.line.msisdn)} обслуживается нашим оператором, на него придёт SMS с кодом`);
  await expect(page.getByText(/Новый код можно запросить через \d+ с/)).toBeVisible();

  await page.getByLabel('Код из SMS').fill('000000' === (await codeFromPhone(phone, demo.line.msisdn)) ? '111111' : '000000');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный код. Осталось попыток: 2');

  await page.getByLabel('Код из SMS').fill(await codeFromPhone(phone, demo.line.msisdn));
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('first sign-in registers a number by SMS code and sets a password', async ({ page, harness, context }) => {
  const newcomer = demoById('pavel-volkov');
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await page.getByRole('button', { name: 'Первый вход' }).click();
  await page.getByLabel('Номер телефона').fill(typedDigits(newcomer.line.msisdn));
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByLabel('Код из SMS').fill(await codeFromPhone(phone, newcomer.line.msisdn));
  await page.getByRole('button', { name: 'Войти' }).click();

  await expect(page.getByRole('heading', { name: 'Задайте пароль' })).toBeVisible();
  await page.getByLabel('Новый пароль').fill('qwerty123');
  await page.getByLabel('Повторите пароль').fill('qwerty123');
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('alert')).toHaveText('Этот пароль слишком распространён — придумайте другой');

  await page.getByLabel('Новый пароль').fill('Uralskie-Gory-1723');
  await expect(page.getByText(/Надёжность пароля: (хороший|отличный)/)).toBeVisible();
  await page.getByLabel('Повторите пароль').fill('Uralskie-Gory-1723');
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();

  await signOutThroughMenu(page);
  await page.getByLabel('Номер телефона').fill(typedDigits(newcomer.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill('Uralskie-Gory-1723');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('recovery («Вспомнить или получить пароль») signs in by SMS and asks for a new password at once', async ({ page, harness, context }) => {
  const demo = demoSubscriber(2);
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await openCabinet(page, harness);
  await page.getByRole('button', { name: 'Вспомнить или получить пароль' }).click();
  await expect(page.getByRole('heading', { name: 'Восстановление пароля' })).toBeVisible();
  await page.getByLabel('Номер телефона').fill(`+7${typedDigits(demo.line.msisdn)}`);
  await page.getByRole('button', { name: 'Получить код' }).click();
  await page.getByLabel('Код из SMS').fill(await codeFromPhone(phone, demo.line.msisdn));
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByText('Вы вошли. Сразу задайте новый пароль.')).toBeVisible();
  await page.getByLabel('Новый пароль').fill('Zolotoy-Rog-2026');
  await page.getByLabel('Повторите пароль').fill('Zolotoy-Rog-2026');
  await page.getByRole('button', { name: 'Сохранить пароль' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('without a password: pressing 1 on the phone signs the cabinet in; 2 declines', async ({ page, harness, context }) => {
  const demo = demoSubscriber(0);
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await openCabinet(page, harness);
  await chooseWay(page, 'Без пароля');
  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));

  await page.getByRole('button', { name: 'Отправить запрос на телефон' }).click();
  await expect(page.getByText(/Ждём подтверждения на телефоне… Осталось 1[0-2]\d с/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Отменить' })).toBeVisible();
  await expect(phone.getByText('Вход в личный кабинет. Нажмите 1 для подтверждения')).toBeVisible();
  await phone.getByRole('button', { name: '2 — отклонить' }).click();
  await expect(page.getByRole('alert')).toHaveText('Вход отклонён на телефоне');

  await page.getByRole('button', { name: 'Отправить запрос на телефон' }).click();
  await phone.getByRole('button', { name: '1 — подтвердить' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('PUK: the 8 digits from the SIM holder sign in, then a new password; a wrong PUK says how many tries are left', async ({ page, harness }) => {
  const demo = demoSubscriber(4);
  await openCabinet(page, harness);
  await chooseWay(page, 'По PUK-коду');
  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('PUK-код', { exact: true }).fill('12345678');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный PUK-код. Осталось попыток: 2');
  await page.getByLabel('PUK-код', { exact: true }).fill(demo.line.puk);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Задайте пароль' })).toBeVisible();
});

test('a blocked SIM: the SMS way answers as for any number, gets no SMS and points to password or PUK; the phone shows no service', async ({ page, harness, context }) => {
  const lost = demoById('igor-baltic');
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(lost.line.msisdn);
  await expect(phone.getByText('Нет сети — SIM-карта заблокирована')).toBeVisible();

  await openCabinet(page, harness);
  await chooseWay(page, 'По коду из SMS');
  await page.getByLabel('Номер телефона').fill(typedDigits(lost.line.msisdn));
  await page.getByRole('button', { name: 'Получить код' }).click();
  await expect(page.getByRole('status')).toContainText('Если номер');
  await expect(page.getByText('SMS не пришло? Проверьте номер. Если SIM-карта заблокирована, войдите по паролю или PUK-коду.')).toBeVisible();

  await chooseWay(page, 'По паролю');
  await page.getByLabel('Пароль', { exact: true }).fill(lost.subscriber.password!);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('sign-out everywhere ends the session in every window of the subscriber', async ({ page, harness, context }) => {
  const demo = demoSubscriber(0);
  const second = await context.newPage();
  for (const window of [page, second]) {
    await window.goto(harness.url);
    await window.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
    await window.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
    await window.getByRole('button', { name: 'Войти' }).click();
    await expect(window.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  }
  // «Выйти везде» asks first: a cancel leaves every window signed in.
  await openAccountMenu(page);
  await page.getByRole('button', { name: 'Выйти везде' }).click();
  const confirm = page.getByRole('dialog', { name: 'Выйти на всех устройствах?' });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Отмена' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(second.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  await page.getByRole('button', { name: 'Выйти везде' }).click();
  await page.getByRole('dialog', { name: 'Выйти на всех устройствах?' }).getByRole('button', { name: 'Выйти везде' }).click();
  for (const window of [page, second]) {
    await expect(window.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    await expect(window.getByRole('status')).toHaveText('Вы вышли на всех устройствах');
  }
});
