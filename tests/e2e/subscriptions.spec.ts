import type { Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';
import { bundledContentData } from '../../electron/store/seed/contentData';

const anna = demoSubscriber(0);
const dmitry = demoSubscriber(1);
const second = anna.subscriber.lines[1]!.msisdn;
const content = bundledContentData();
const offer = (id: string) => content.providers.flatMap((provider) => provider.subscriptions).find((candidate) => candidate.id === id)!;
const ringtones = offer('ringtones-week').name.ru;

async function openSection(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Подписки и запреты' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Подписки и запреты' })).toBeVisible();
}

const bans = (page: Page) => page.getByRole('region', { name: 'Запреты' });

test('a paid subscription is cancelled in one click and stays cancelled', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, second, anna.subscriber.password);
  await openSection(page);
  const list = page.getByRole('region', { name: 'Платные подписки' });
  await expect(list).toContainText(ringtones);
  await expect(list).toContainText('короткий номер 7781');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/screenshots/subscriptions.png', fullPage: true });
  await list.getByRole('button', { name: `Отключить «${ringtones}»` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Подписка «${ringtones}» отключена` })).toBeVisible();
  await expect(list.getByRole('button', { name: `Отключить «${ringtones}»` })).toHaveCount(0);
  await expect(list.getByRole('heading', { name: 'Отключённые' })).toBeVisible();
  // Read again from the store after leaving the screen: it is the store's, not the page's.
  await page.getByRole('link', { name: 'Главная' }).click();
  await openSection(page);
  const again = page.getByRole('region', { name: 'Платные подписки' });
  await expect(again).toContainText(offer('news-sms').name.ru);
  await expect(again.getByRole('button', { name: `Отключить «${ringtones}»` })).toHaveCount(0);
  await expect(again.getByRole('heading', { name: 'Отключённые' })).toBeVisible();
});

test('a transfer ban is set with the password, and then a transfer is refused', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await openSection(page);
  await bans(page).getByRole('button', { name: 'Включить: Запрет мобильных переводов' }).click();
  const dialog = page.getByRole('dialog', { name: 'Включить запрет' });
  await dialog.getByLabel('Пароль от личного кабинета').fill('Not-My-Password-1');
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(dialog.getByText('Неверный пароль')).toBeVisible();
  await dialog.getByLabel('Пароль от личного кабинета').fill(anna.subscriber.password);
  await dialog.getByRole('button', { name: 'Подтвердить' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Запрет включён: Запрет мобильных переводов' })).toBeVisible();
  await expect(bans(page).getByRole('listitem').filter({ hasText: 'Запрет мобильных переводов' })).toContainText('Включён');

  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByRole('tab', { name: 'Мобильный перевод' }).click();
  await page.getByLabel('Номер получателя').fill(typedDigits(dmitry.line.msisdn));
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await expect(page.getByText('Переводы запрещены на этом номере')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Получить код для подтверждения' })).toHaveCount(0);
});

test('a budget below the forecast is kept and said in an alert', async ({ page, harness, context }) => {
  // Calls beyond the package on the phone: rated usage the forecast carries to the period's end.
  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(second);
  await phone.getByLabel('Что').selectOption('voice');
  await phone.getByLabel('Сколько').fill('600');
  await phone.getByRole('button', { name: 'Использовать' }).click();
  await expect(phone.getByRole('status')).toContainText('₽');
  await openCabinet(page, harness);
  await signInAs(page, second, anna.subscriber.password);
  await openSection(page);
  const card = page.getByRole('region', { name: 'Прогноз расходов и бюджет' });
  await expect(card.getByTestId('forecast-amount')).toContainText('₽');
  await card.getByLabel('Бюджет в месяц, ₽').fill('1');
  await card.getByRole('button', { name: 'Сохранить бюджет' }).click();
  await expect(card.getByText(/^Введите сумму от/)).toBeVisible();
  await card.getByLabel('Бюджет в месяц, ₽').fill(String(content.budget.minKopecks / 100));
  await card.getByRole('button', { name: 'Сохранить бюджет' }).click();
  await expect(card.getByText(/^Прогноз больше бюджета на/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Уведомления' })).toContainText('прогноз расходов за период');
  expect(await seriousViolations(page)).toEqual([]);
  // The dark theme (the system's, followed by default) too.
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/screenshots/subscriptions-budget-dark.png', fullPage: true });
  // The main screen says where the period is heading (issue 22: a spend forecast to the next charge), against the budget.
  await page.getByRole('link', { name: 'Главная' }).click();
  const spend = page.getByRole('region', { name: 'Прогноз расходов', exact: true });
  await expect(spend.getByTestId('spend-forecast')).toContainText(/^До \d+ \S+ — около [\d\s\u00a0\u202f]+₽$/);
  await expect(spend).toContainText('Больше бюджета');
  await expect(spend.getByRole('link', { name: 'Бюджет' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/screenshots/dashboard-forecast-dark.png', fullPage: true });
});

test('in the classic view a subscription is cancelled and a ban set with the password', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'Классический' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-interface', 'classic');
  await page.getByLabel('Номер телефона').fill(typedDigits(second));
  await page.getByLabel('Пароль', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Разделы', exact: true }).getByRole('link', { name: 'Подписки, запреты и бюджет' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Подписки и запреты' })).toBeVisible();
  await page.getByRole('button', { name: `Отключить «${ringtones}»` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Подписка «${ringtones}» отключена` })).toBeVisible();
  await page.getByLabel('Пароль от личного кабинета').first().fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Включить: Запрет контентных услуг' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Запрет включён: Запрет контентных услуг' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 3, name: 'Запрет контентных услуг: Включён' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/screenshots/classic-subscriptions.png', fullPage: true });
});

test('«start with the system» is a setting in «Профиль и настройки», off until ticked, and stays ticked', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  const box = page.getByRole('checkbox', { name: 'Запускать вместе с системой' });
  await expect(box).not.toBeChecked();
  await box.check();
  await expect(box).toBeChecked();
  // Asked again of the main side on the way back.
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('region', { name: 'Баланс' })).toBeVisible();
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await expect(page.getByRole('checkbox', { name: 'Запускать вместе с системой' })).toBeChecked();
});
