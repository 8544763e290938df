import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';
import { seriousViolations } from './axe';

/** VK ID's stand-in for linking: a real OpenID provider on loopback. */
test.use({ withVkProvider: true });

test('the profile: name and address saved, an e-mail confirmed with the code from the letter, a bad address named', async ({ page, harness, context }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();

  await page.getByLabel('Имя и фамилия').fill('7');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByText('Введите имя: от 2 до 100 букв')).toBeVisible();
  await page.getByLabel('Имя и фамилия').fill('Анна Сергеевна Орлова');
  await page.getByLabel('Контактный адрес').fill('Москва, ул. Тверская, д. 1, кв. 5');
  await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Личные данные сохранены' })).toBeVisible();
  // Read back from the store: away and back again.
  await page.getByRole('link', { name: 'Главная' }).click();
  await expect(page.getByRole('region', { name: 'Баланс' })).toBeVisible();
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await expect(page.getByLabel('Имя и фамилия')).toHaveValue('Анна Сергеевна Орлова');
  await expect(page.getByLabel('Контактный адрес')).toHaveValue('Москва, ул. Тверская, д. 1, кв. 5');

  await page.getByLabel('Адрес электронной почты').fill('anna@example');
  await page.getByRole('button', { name: 'Получить код подтверждения' }).click();
  await expect(page.getByText('Введите адрес электронной почты вида name@example.ru')).toBeVisible();
  await page.getByLabel('Адрес электронной почты').fill('anna.orlova@example.ru');
  await page.getByRole('button', { name: 'Получить код подтверждения' }).click();
  await expect(page.getByText('Ждём код из письма, отправленного на anna.orlova@example.ru')).toBeVisible();

  const phone = await context.newPage();
  await phone.goto(harness.handsetUrl);
  const letter = phone.getByRole('region', { name: 'Почта' }).getByRole('listitem').first();
  await expect(letter).toContainText('Кому: anna.orlova@example.ru');
  const code = /: (\d{6})\./.exec((await letter.textContent()) ?? '')![1]!;
  await page.getByLabel('Код из письма').fill(code);
  await page.getByRole('button', { name: 'Подтвердить адрес' }).click();
  await expect(page.getByText('Адрес: anna.orlova@example.ru')).toBeVisible();
  await expect(page.getByText('подтверждён', { exact: true })).toBeVisible();
  // Demo mode sends no real mail, and says so: receipts and notices wait in the outbox.
  await expect(page.getByTestId('mail-not-configured')).toHaveText(/^Почта не настроена: квитанции и уведомления о безопасности ждут в очереди/);
});

test('a low-balance threshold above the balance raises an alert in the window at once', async ({ page, harness }) => {
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await page.getByLabel('Порог, ₽').fill('abc');
  await page.getByRole('button', { name: 'Сохранить уведомления' }).click();
  await expect(page.getByText('Порог — сумма от 1 до 100 000 ₽')).toBeVisible();
  await page.getByLabel('Порог, ₽').fill('1000');
  await page.getByRole('button', { name: 'Сохранить уведомления' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Настройки уведомлений сохранены' })).toBeVisible();
  const alerts = page.getByRole('region', { name: 'Уведомления' });
  await expect(alerts.getByRole('listitem')).toContainText(/ниже порога 1\s000\s₽/);
  await alerts.getByRole('button', { name: 'Закрыть' }).click();
  await expect(alerts.getByRole('listitem')).toHaveCount(0);
});

test('VK ID is linked from the profile through the system browser, then signs in, then is unlinked', async ({ page, harness, context, browser }) => {
  // Two trips through the provider's pages and an accessibility check: longer than most.
  test.slow();
  const demo = demoSubscriber(0);
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await expect(page.getByRole('button', { name: 'Привязать Одноклассники' })).toHaveCount(0);
  await expect(page.getByText(/— не настроен/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Привязать VK ID' }).click();
  const provider = await context.newPage();
  await provider.goto(await harness.nextBrowserUrl());
  await provider.locator('input[name="login"]').fill('vk-id-anna-2026');
  await provider.locator('input[name="password"]').fill('any');
  await provider.getByRole('button', { name: 'Sign-in' }).click();
  await provider.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Аккаунт VK ID привязан')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Отвязать VK ID' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: 'tests/e2e/screenshots/profile.png', fullPage: true });

  // The linked identity signs in from another window.
  const other = await context.newPage();
  await openCabinet(other, harness);
  await other.getByRole('button', { name: 'VK ID', exact: true }).click();
  // Another browser profile, so the provider asks who signs in rather than reusing its own session cookie.
  const again = await (await browser.newContext()).newPage();
  await again.goto(await harness.nextBrowserUrl());
  await again.locator('input[name="login"]').fill('vk-id-anna-2026');
  await again.locator('input[name="password"]').fill('any');
  await again.getByRole('button', { name: 'Sign-in' }).click();
  await again.getByRole('button', { name: 'Continue' }).click();
  await expect(other.getByText(demo.tariff.name.ru, { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Отвязать VK ID' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Аккаунт VK ID отвязан' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Привязать VK ID' })).toBeEnabled();
});
