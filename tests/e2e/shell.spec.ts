import { demoSubscriber } from './demoData';
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
