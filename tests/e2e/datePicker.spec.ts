import { fileURLToPath } from 'node:url';
import { seriousViolations } from './axe';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const demo = demoSubscriber(0);

for (const [colorScheme, width] of [['light', 1440], ['dark', 900]] as const) {
  test(`the detail's dates are picked in Russian with the keyboard, no native date field (${colorScheme}, ${width} px)`, async ({ page, harness }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    await page.getByRole('link', { name: 'Детализация' }).click();
    await expect(page.getByRole('heading', { name: 'Детализация' })).toBeVisible();
    await expect(page.locator('input[type="date"]')).toHaveCount(0);

    const from = page.getByLabel('С', { exact: true });
    await from.fill('20.11.2026');
    await from.blur();
    await expect(from).toHaveValue('20.11.2026');

    await page.getByRole('button', { name: 'Выбрать в календаре: С' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ноябрь 2026 г.' });
    await expect(dialog).toBeVisible();
    const grid = dialog.getByRole('grid');
    await expect(grid.getByRole('columnheader').first()).toHaveText('пн');
    // The chosen day has the focus and says its whole date.
    await expect(grid.getByRole('gridcell', { name: /20 ноября 2026/ })).toBeFocused();
    await expect(grid.getByRole('gridcell', { name: /20 ноября 2026/ })).toHaveAttribute('aria-selected', 'true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${folder}date-picker-${colorScheme}-${width}.png`, fullPage: true });

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(grid.getByRole('gridcell', { name: /28 ноября 2026/ })).toBeFocused();
    await page.keyboard.press('PageDown');
    await expect(page.getByRole('dialog', { name: 'Декабрь 2026 г.' })).toBeVisible();
    await page.keyboard.press('Home');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(from).toHaveValue('28.12.2026');
    await expect(page.getByRole('button', { name: 'Выбрать в календаре: С' })).toBeFocused();

    await page.getByRole('button', { name: 'Выбрать в календаре: По' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Выбрать в календаре: По' })).toBeFocused();
  });
}

test('payment history dates and the support screenshot speak the app’s language, not the browser’s', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, demo.line.msisdn, demo.subscriber.password);
  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByRole('tab', { name: 'История' }).click();
  await expect(page.getByRole('button', { name: /^Выбрать в календаре: / }).first()).toBeVisible();
  await expect(page.locator('input[type="date"]')).toHaveCount(0);

  await page.getByRole('link', { name: 'Поддержка' }).click();
  const choose = page.getByRole('button', { name: 'Выбрать скриншот…' });
  await expect(choose).toBeVisible();
  await expect(page.getByText('Файл не выбран')).toBeVisible();
  // The browser's own file field (its «Choose File» in the system's language) takes no room on the screen.
  const box = await page.locator('input[type="file"]').boundingBox();
  expect(box!.width * box!.height).toBeLessThanOrEqual(1);
  const chooser = page.waitForEvent('filechooser');
  await choose.click();
  await (await chooser).setFiles({
    name: 'screen.png',
    mimeType: 'image/png',
    buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'),
  });
  await expect(page.getByText('Файл не выбран')).toHaveCount(0);
  await expect(page.locator('#support-file-chosen')).toHaveText('screen.png');
  await page.screenshot({ path: `${folder}support-file-light.png`, fullPage: true });
});
