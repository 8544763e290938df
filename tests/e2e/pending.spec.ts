import { callGate } from './callGate';
import { demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

/** Issue 22: while a screen loads it shows the shape of what comes (a skeleton), and a button says its call runs. */
const anna = demoSubscriber(0);

test('while signing in the button is busy, then the main screen shows a skeleton until the number’s data arrives', async ({ page, harness }) => {
  const gate = await callGate(page);
  await openCabinet(page, harness);
  const letSignInGo = gate.hold('auth.signInWithPassword');
  const letOverviewGo = gate.hold('account.overview');

  await page.getByLabel('Номер телефона').fill(typedDigits(anna.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  const busy = page.getByRole('button', { name: 'Входим…' });
  await expect(busy).toHaveAttribute('aria-busy', 'true');
  await expect(busy).toBeDisabled();
  await expect(busy.locator('.spinner')).toBeVisible();
  await page.screenshot({ path: 'test-results/pending-sign-in.png' });

  letSignInGo();
  const skeleton = page.getByRole('status').filter({ hasText: 'Загружаем данные номера…' });
  await expect(skeleton).toBeVisible();
  await expect(skeleton.locator('.skeleton__block').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Баланс' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/skeleton-home.png' });

  letOverviewGo();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
  await expect(skeleton).toHaveCount(0);
});

test('the profile shows a skeleton while it loads, and only the form being saved shows its button busy', async ({ page, harness }) => {
  const gate = await callGate(page);
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);

  const letProfileGo = gate.hold('profile.get');
  await page.getByRole('link', { name: 'Профиль и настройки' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Загружаем профиль…' })).toBeVisible();
  letProfileGo();

  const personal = page.getByRole('form', { name: 'Личные данные' });
  await expect(personal).toBeVisible();
  const letSaveGo = gate.hold('profile.update');
  await personal.getByLabel('Контактный адрес').fill('Москва, ул. Тверская, 1');
  await personal.getByRole('button', { name: 'Сохранить' }).click();
  await expect(personal.getByRole('button', { name: 'Сохранить' })).toHaveAttribute('aria-busy', 'true');
  await expect(personal.getByRole('button', { name: 'Сохранить' })).toBeDisabled();
  // Another form's button waits (disabled) but does not claim to be busy.
  const notifications = page.getByRole('form', { name: 'Уведомления' });
  await expect(notifications.getByRole('button', { name: 'Сохранить' })).toBeDisabled();
  await expect(notifications.getByRole('button', { name: 'Сохранить' })).not.toHaveAttribute('aria-busy', 'true');

  letSaveGo();
  await expect(page.getByRole('status').filter({ hasText: 'Личные данные сохранены' })).toBeVisible();
  await expect(personal.getByRole('button', { name: 'Сохранить' })).toBeEnabled();
  await expect(personal.getByRole('button', { name: 'Сохранить' })).not.toHaveAttribute('aria-busy', 'true');
});
