import { demoSubscriber, typedDigits } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { openAccountMenu, signInAs } from './session';

/** Issue 22: the signed-in shell (sidebar, account menu), noise kept from subscribers, aligned choices. */
const anna = demoSubscriber(0);

test('the header has no native select: one account menu holds numbers, language, theme and signing out', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  const header = page.getByRole('banner');
  await expect(header.locator('select')).toHaveCount(0);
  await expect(header.getByRole('combobox')).toHaveCount(0);
  await openAccountMenu(page);
  const menu = page.getByRole('group', { name: /^(Аккаунт|Account)$/ });
  await expect(menu.getByRole('group', { name: 'Номера профиля' }).getByRole('button')).toHaveCount(anna.subscriber.lines.length);
  await menu.getByRole('radio', { name: 'English' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await menu.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(menu.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/account-menu.png' });
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('banner').getByRole('button', { name: /Account$/ })).toBeFocused();
});

test('below 1,100 px the sidebar shows icons only, each link still named, with its name as tooltip', async ({ page, harness }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  const nav = page.getByRole('navigation', { name: 'Разделы кабинета' });
  const services = nav.getByRole('link', { name: 'Услуги' });
  await expect(services).toHaveAttribute('title', 'Услуги');
  expect((await services.boundingBox())!.width).toBeLessThan(64);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
  await page.screenshot({ path: 'test-results/shell-900.png' });
  await page.setViewportSize({ width: 1280, height: 800 });
  expect((await services.boundingBox())!.width).toBeGreaterThan(150);
});

test('subscribers see no «не настроен» sign-in and no test-card list; the diagnostics screen lists them', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await expect(page.getByText(/— не настроен|VK ID|Одноклассники|Facebook/)).toHaveCount(0);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  for (const section of ['Профиль и настройки', 'Платежи']) {
    await page.getByRole('link', { name: section }).click();
    await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
    await expect(page.getByText(/— не настроен|Тестовый режим|VK ID|Одноклассники|Facebook/)).toHaveCount(0);
  }
  await page.goto(`${harness.url}#/diagnostics`);
  const social = page.getByRole('region', { name: 'Вход через соцсети' });
  await expect(social).toContainText('VK ID — не настроен');
  await expect(page.getByRole('region', { name: 'Тестовые карты' })).toContainText('4111 1111 1111 1111');
});

test('radios and checkboxes sit right beside their words, and the words choose them', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByRole('tab', { name: 'Кошельком' }).click();
  const radios = page.getByRole('radio');
  expect(await radios.count()).toBeGreaterThan(1);
  for (const radio of await radios.all()) {
    const box = (await radio.boundingBox())!;
    const words = radio.locator('xpath=ancestor::label[1]').locator('.choice__text');
    const text = (await words.boundingBox())!;
    // The words begin within a brand mark's width of the control, on the same line.
    expect(text.x - (box.x + box.width)).toBeLessThan(64);
    expect(Math.abs(text.y + text.height / 2 - (box.y + box.height / 2))).toBeLessThan(12);
  }
  await radios.nth(1).locator('xpath=ancestor::label[1]').locator('.choice__text').click();
  await expect(radios.nth(1)).toBeChecked();
  await page.screenshot({ path: 'test-results/radios-aligned.png' });
});

test('signed out and in the classic view, language, theme and interface are segmented choices a keyboard moves through, not native selects', async ({ page, harness }) => {
  await openCabinet(page, harness);
  const header = page.getByRole('banner');
  await expect(header.locator('select')).toHaveCount(0);
  await expect(header.getByRole('combobox')).toHaveCount(0);

  // Arrow keys move the choice within a group, as in any radio group; the page follows at once.
  await header.getByRole('group', { name: 'Язык' }).getByRole('radio', { name: 'Русский' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(header.getByRole('radio', { name: 'English' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const themes = header.getByRole('group', { name: 'Theme' });
  await themes.getByRole('radio', { name: 'System' }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(themes.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await header.getByRole('group', { name: 'Interface' }).getByRole('radio', { name: 'Classic' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-interface', 'classic');
  await page.screenshot({ path: 'test-results/public-header-switches.png' });

  await page.getByLabel('Phone number').fill(typedDigits(anna.line.msisdn));
  await page.getByLabel('Password', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const settings = page.getByRole('group', { name: 'Settings' });
  await expect(settings).toBeVisible();
  await expect(page.locator('select')).toHaveCount(0);
  await settings.getByRole('group', { name: 'Language' }).getByRole('radio', { name: 'English' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  const russianSettings = page.getByRole('group', { name: 'Настройки' });
  await expect(russianSettings.getByRole('group', { name: 'Язык' }).getByRole('radio', { name: 'Русский' })).toBeChecked();
  await expect(russianSettings.getByRole('group', { name: 'Тема' }).getByRole('radio', { name: 'Тёмная' })).toBeChecked();
});

test('the classic page’s skip link stays out of sight above the demo strip until the keyboard reaches it', async ({ page, harness }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'Классический' }).check();
  await page.getByLabel('Номер телефона').fill(typedDigits(anna.line.msisdn));
  await page.getByLabel('Пароль', { exact: true }).fill(anna.subscriber.password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Главная' })).toBeVisible();
  const skip = page.getByRole('link', { name: 'Перейти к содержимому' });
  // Where the link's box ends on the page (not in the window: signing in may have scrolled it).
  const bottomOnPage = () => skip.evaluate((link) => link.getBoundingClientRect().bottom + window.scrollY);
  expect(await bottomOnPage(), 'the link is drawn wholly above the page').toBeLessThanOrEqual(0);
  await skip.focus();
  await expect.poll(bottomOnPage).toBeGreaterThan(0);
  await expect(skip).toBeInViewport();
});
