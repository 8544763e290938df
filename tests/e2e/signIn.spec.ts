import { formatRubles } from '../../shared/money';
import { demoSubscriber, typedDigits } from './demoData';
import { callGate } from './callGate';
import { expect, openCabinet, test } from './fixtures';
import { signOutThroughMenu } from './session';

const demo = demoSubscriber(0);
const normalize = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

test('a demo subscriber signs in with number and password and sees tariff, balance and remainders', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await page.getByLabel('Номер телефона').fill(`8${typedDigits(demo.line.msisdn)}`);
  await expect(page.getByLabel('Номер телефона')).toHaveValue(/^\+7 \(\d{3}\) \d{3}-\d{2}-\d{2}$/);
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();

  await expect(page.getByRole('navigation', { name: 'Разделы кабинета' })).toBeVisible();
  await expect(page.getByText(demo.tariff.name.ru, { exact: true })).toBeVisible();
  const balance = page.getByRole('region', { name: 'Баланс' });
  await expect(balance).toContainText(normalize(formatRubles(demo.line.openingBalanceKopecks, 'ru')).replace(' ₽', ''), { useInnerText: true });

  const remainders = page.getByRole('region', { name: 'Остатки пакетов' });
  const bars = remainders.getByRole('progressbar');
  await expect(bars).toHaveCount(Object.keys(demo.tariff.packages).length);
  // «Мой онлайн» rolls unused minutes and data over, and she uses less than her package every month: last
  // period's whole own package came along (rolled-over units go first), so this period holds twice the package.
  await expect(remainders.getByRole('progressbar', { name: 'Минуты' })).toHaveAttribute('aria-valuemax', String(2 * demo.tariff.packages.voice!));
  await expect(remainders.getByRole('progressbar', { name: 'Интернет' })).toHaveAttribute('aria-valuemax', String(2 * demo.tariff.packages.data!));
  await expect(remainders.getByText('В том числе перенесено с прошлого периода: 500 мин (расходуется первым)')).toBeVisible();
  await expect(remainders).toContainText('Пакеты обновятся');
});

test('the sign-in form takes a number and a password before the slower answers come (what this computer has set up, social sign-ins)', async ({ page, harness }) => {
  const gate = await callGate(page);
  const letAppInfoGo = gate.hold('settings.appInfo');
  const letProvidersGo = gate.hold('auth.socialProviders');
  await openCabinet(page, harness);

  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await expect(page.getByRole('button', { name: 'Войти' })).toBeEnabled();
  // The demo badge is told by the answer still held: it comes when the answer does, the form stays as typed.
  await expect(page.getByTestId('demo-badge')).toHaveCount(0);
  letAppInfoGo();
  letProvidersGo();
  await expect(page.getByTestId('demo-badge')).toBeVisible();
  await expect(page.getByLabel('Пароль', { exact: true })).toHaveValue(demo.subscriber.password);

  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});

test('a wrong password and an unknown number get the same message, and the number stays', async ({ page, harness }) => {
  await openCabinet(page, harness);
  const phone = page.getByLabel('Номер телефона');
  await phone.fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный номер или пароль');
  const typed = await phone.inputValue();
  expect(typed).toMatch(/^\+7 \(/);
  await expect(page.getByLabel('Пароль', { exact: true })).toHaveValue('');

  await phone.fill('9990000000');
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('alert')).toHaveText('Неверный номер или пароль');
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
});

test('a number that is not a Russian mobile gets a field error under the number', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByLabel('Номер телефона').fill('123');
  await page.getByLabel('Пароль', { exact: true }).fill('whatever-1');
  await page.getByRole('button', { name: 'Войти' }).click();
  const phone = page.getByLabel('Номер телефона');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveAccessibleDescription(/номер мобильного телефона России/);
});

test('sign-out returns to the sign-in screen, and going back does not show the cabinet', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByLabel('Номер телефона').fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByText(demo.tariff.name.ru, { exact: true })).toBeVisible();

  await signOutThroughMenu(page);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await expect(page.getByText(demo.tariff.name.ru, { exact: true })).toHaveCount(0);
});

test('the cabinet speaks English when asked, and remembers it', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'English' }).check();
  await expect(page.getByRole('heading', { name: 'Sign in to your cabinet' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByLabel('Phone number').fill(typedDigits(demo.line.msisdn));
  await page.getByLabel('Password', { exact: true }).fill(demo.subscriber.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText(demo.tariff.name.en, { exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Package remainders' })).toBeVisible();
  // A reload is a new window to the harness (a new socket), so it signs in again — in English.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Sign in to your cabinet' })).toBeVisible();
});
