import { fileURLToPath } from 'node:url';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

/** Screens to look at (tests/e2e/screenshots, git-ignored); the README's picture is one of them. */
const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const demo = demoSubscriber(0);

for (const colorScheme of ['light', 'dark'] as const) {
  for (const language of ['ru', 'en'] as const) {
    test(`screenshots: sign-in and main screen, ${colorScheme}, ${language}`, async ({ page, harness }) => {
      await page.emulateMedia({ colorScheme });
      await openCabinet(page, harness);
      if (language === 'en') await page.getByRole('radio', { name: 'English' }).check();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: `${folder}sign-in-${colorScheme}-${language}.png` });
      await signInAs(page, demo.line.msisdn, demo.subscriber.password);
      await expect(page.getByRole('progressbar').first()).toBeVisible();
      await page.screenshot({ path: `${folder}main-${colorScheme}-${language}.png`, fullPage: true });
    });
  }
}

test('screenshots: the ways in, setting a password, and the phone', async ({ page, harness, context }) => {
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 460, height: 760 });
  await phone.goto(harness.handsetUrl);
  await phone.getByLabel('SIM-карта').selectOption(demo.line.msisdn);
  await openCabinet(page, harness);
  await page.getByRole('tab', { name: 'По коду из SMS' }).click();
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByRole('button', { name: 'Получить код' }).click();
  await expect(page.getByLabel('Код из SMS')).toBeVisible();
  await page.screenshot({ path: `${folder}way-code.png` });

  await page.getByRole('tab', { name: 'Без пароля' }).click();
  await page.getByRole('button', { name: 'Отправить запрос на телефон' }).click();
  await expect(phone.getByRole('alertdialog')).toBeVisible();
  await page.screenshot({ path: `${folder}way-confirmation.png` });
  await phone.screenshot({ path: `${folder}phone.png` });
  await page.getByRole('button', { name: 'Отменить' }).click();

  await page.getByRole('tab', { name: 'По PUK-коду' }).click();
  await page.getByLabel('PUK-код', { exact: true }).fill(demo.line.puk);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByLabel('Новый пароль').fill('Moskva-Reka-2026');
  await expect(page.getByText(/Надёжность пароля/)).toBeVisible();
  await page.screenshot({ path: `${folder}set-password.png` });
});

test('screenshots: the tariff section and the change preview', async ({ page, harness }) => {
  const dmitry = demoSubscriber(1);
  await openCabinet(page, harness);
  await signInAs(page, dmitry.line.msisdn, dmitry.subscriber.password);
  await page.getByRole('link', { name: 'Тариф и остатки' }).click();
  await expect(page.getByRole('region', { name: 'Ваш тариф' })).toBeVisible();
  await page.screenshot({ path: `${folder}tariff.png`, fullPage: true });
  await page.getByRole('region', { name: 'Тарифы вашего региона' }).getByRole('button', { name: /^Перейти на/ }).first().click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.screenshot({ path: `${folder}tariff-change.png` });
});

test('screenshots: the tariff advisor and the services section', async ({ page, harness }) => {
  const marina = demoSubscriber(4);
  await openCabinet(page, harness);
  await signInAs(page, marina.line.msisdn, marina.subscriber.password);
  await page.getByRole('link', { name: 'Тариф и остатки' }).click();
  await expect(page.getByRole('region', { name: 'Подбор тарифа по вашему расходу' })).toBeVisible();
  await page.getByRole('region', { name: 'Подбор тарифа по вашему расходу' }).screenshot({ path: `${folder}advisor.png` });
  await page.getByRole('link', { name: 'Услуги' }).click();
  await expect(page.getByRole('region', { name: 'Каталог' })).toBeVisible();
  await page.screenshot({ path: `${folder}services.png`, fullPage: true });
});

test('screenshots: payments — card, transfer preview, promised payment and history (light and dark)', async ({ page, harness }) => {
  const anna = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1112');
  await page.getByLabel('CVC/CVV').focus();
  await expect(page.getByText('Проверьте номер карты')).toBeVisible();
  await page.screenshot({ path: `${folder}payments-card.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Мобильный перевод' }).click();
  await page.getByLabel('Номер получателя').fill('9139876543');
  await page.getByLabel('Сумма, ₽').fill('150');
  await page.getByRole('button', { name: 'Рассчитать' }).click();
  await expect(page.getByText('Получатель получит')).toBeVisible();
  await page.screenshot({ path: `${folder}payments-transfer.png`, fullPage: true });
  await page.getByRole('tab', { name: 'Обещанный платёж' }).click();
  await page.getByRole('button', { name: /^Взять обещанный платёж/ }).click();
  await expect(page.getByText(/Открыт обещанный платёж/)).toBeVisible();
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: `${folder}payments-promised-dark.png`, fullPage: true });
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'Обещанный платёж' })).toBeVisible();
  await page.getByRole('button', { name: 'Чек' }).first().click();
  await expect(page.getByRole('heading', { name: /^Чек №/ })).toBeVisible();
  await page.screenshot({ path: `${folder}payments-receipt-dark.png` });
});

test('screenshots: the usage detail with its chart, light and dark', async ({ page, harness }) => {
  const marina = demoSubscriber(4);
  await openCabinet(page, harness);
  await signInAs(page, marina.line.msisdn, marina.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  await expect(page.getByRole('img', { name: 'Расход по дням' })).toBeVisible();
  await page.screenshot({ path: `${folder}detail.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.getByRole('button', { name: 'Показать' }).click();
  await expect(page.getByRole('img', { name: 'Расход по дням' })).toBeVisible();
  await page.screenshot({ path: `${folder}detail-dark.png`, fullPage: true });
});
