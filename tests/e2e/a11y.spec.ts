import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';
import { seriousViolations } from './axe';

const demo = demoSubscriber(2);

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the sign-in and main screens have no serious accessibility problems (${colorScheme})`, async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The error state of the form, too.
    await page.getByLabel('Номер телефона').fill('12');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByLabel('Номер телефона')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the sign-in form works from the keyboard alone', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await page.getByLabel('Номер телефона').focus();
  await page.keyboard.type(demo.line.msisdn.slice(2));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
  await page.keyboard.type(demo.subscriber.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('every way in, the password form and the phone page have no serious accessibility problems', async ({ page, harness, context }) => {
  await openCabinet(page, harness);
  for (const way of ['По коду из SMS', 'Без пароля', 'По PUK-коду', 'По паролю']) {
    await page.getByRole('tab', { name: way }).click();
    await expect(page.getByRole('tab', { name: way })).toHaveAttribute('aria-selected', 'true');
    expect(await seriousViolations(page), way).toEqual([]);
  }
  await page.getByRole('button', { name: 'Вспомнить или получить пароль' }).click();
  await page.getByLabel('Номер телефона').fill(demo.line.msisdn.slice(2));
  await page.getByRole('button', { name: 'Получить код' }).click();
  await expect(page.getByLabel('Код из SMS')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Назад к входу' }).click();
  await page.getByRole('tab', { name: 'По PUK-коду' }).click();
  await page.getByLabel('PUK-код', { exact: true }).fill(demo.line.puk);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { name: 'Задайте пароль' })).toBeVisible();
  await page.getByLabel('Новый пароль').fill('Amurskiy-Tigr-88');
  expect(await seriousViolations(page)).toEqual([]);

  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  await expect(phone.getByRole('heading', { name: 'Телефон' })).toBeVisible();
  expect(await seriousViolations(phone)).toEqual([]);
});

test('the ways in are tabs that arrow keys move between', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('tab', { name: 'По паролю' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'По коду из SMS' })).toBeFocused();
  await expect(page.getByRole('tab', { name: 'По коду из SMS' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('button', { name: 'Получить код' })).toBeVisible();
});

test('every payments tab, the 3-D Secure dialog and a receipt have no serious accessibility problems', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  for (const tab of ['Картой', 'Кошельком', 'Мобильный перевод', 'Обещанный платёж', 'История']) {
    await page.getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    expect(await seriousViolations(page), tab).toEqual([]);
  }
  await page.getByRole('tab', { name: 'Картой' }).click();
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByLabel('Номер карты').fill('4000 0000 0000 3220');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill('1240');
  await page.getByLabel('CVC/CVV').fill('123');
  await page.getByRole('button', { name: /^Пополнить/ }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByLabel('Код подтверждения от банка').fill('1234');
  await page.getByRole('button', { name: 'Подтвердить' }).click();
  await page.getByRole('button', { name: 'Чек' }).click();
  await expect(page.getByRole('heading', { name: /^Чек №/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('«Безопасность» and «Мои номера» have no serious accessibility problems, light and dark', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await page.getByRole('link', { name: 'Безопасность' }).click();
    await expect(page.getByRole('heading', { name: 'История входов' })).toBeVisible();
    await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);
    expect(await seriousViolations(page), `security ${colorScheme}`).toEqual([]);
    await page.getByRole('link', { name: 'Мои номера' }).click();
    await expect(page.getByRole('heading', { name: 'Привязать номер' })).toBeVisible();
    expect(await seriousViolations(page), `numbers ${colorScheme}`).toEqual([]);
  }
  await page.getByRole('link', { name: 'Безопасность' }).click();
  await page.screenshot({ path: 'tests/e2e/screenshots/security.png', fullPage: true });
});
