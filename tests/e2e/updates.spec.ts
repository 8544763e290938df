import AxeBuilder from '@axe-core/playwright';
import { expect, openCabinet, test } from './fixtures';

// Each test starts its own harness and runs axe: generous on a shared, busy machine (no time is asserted).
test.describe.configure({ timeout: 60_000 });

for (const colorScheme of ['light', 'dark'] as const) {
  test(`an update downloading in the background shows as a small banner with progress, never in the way (${colorScheme})`, async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    const banner = page.getByRole('complementary', { name: 'Обновление приложения' });
    await expect(banner).toHaveCount(0);

    harness.host.dispatcher.broadcast('update.status', { state: 'downloading', version: '1.2.0', percent: 0 });
    await expect(banner.getByRole('status')).toHaveText('Загружается новая версия 1.2.0: 0 %');
    harness.host.dispatcher.broadcast('update.status', { state: 'downloading', version: '1.2.0', percent: 45 });
    await expect(banner.getByRole('status')).toHaveText('Загружается новая версия 1.2.0: 45 %');
    await expect(banner.getByRole('progressbar', { name: 'Загрузка обновления' })).toHaveAttribute('value', '45');

    // The form stays usable while it downloads.
    await page.getByLabel('Номер телефона').fill('9001234567');
    await expect(page.getByLabel('Номер телефона')).toBeFocused();
    const violations = (await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.filter(
      (violation) => violation.impact === 'serious' || violation.impact === 'critical',
    );
    expect(violations.map((violation) => violation.id)).toEqual([]);

    // Hidden, its progress stays hidden; the download being ready shows again.
    await banner.getByRole('button', { name: 'Скрыть' }).click();
    await expect(banner).toHaveCount(0);
    harness.host.dispatcher.broadcast('update.status', { state: 'downloading', version: '1.2.0', percent: 80 });
    await expect(banner).toHaveCount(0);
    harness.host.dispatcher.broadcast('update.status', { state: 'ready', version: '1.2.0', installsOnQuit: true });
    await expect(banner.getByRole('status')).toHaveText('Версия 1.2.0 загружена и установится, когда вы закроете приложение');
  });
}

test('in kiosk mode a downloaded update says staff install it; a failed download is said quietly, in English too', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  const banner = page.getByRole('complementary', { name: 'Обновление приложения' });
  harness.host.dispatcher.broadcast('update.status', { state: 'ready', version: '2.0.0', installsOnQuit: false }, { retain: true });
  await expect(banner.getByRole('status')).toHaveText('Версия 2.0.0 загружена. Её установит сотрудник салона');

  // A window opened after the news is told it too.
  const later = await page.context().newPage();
  await openCabinet(later, harness);
  await expect(later.getByRole('complementary', { name: 'Обновление приложения' }).getByRole('status')).toHaveText('Версия 2.0.0 загружена. Её установит сотрудник салона');
  await later.close();

  await page.getByRole('radio', { name: 'English' }).check();
  harness.host.dispatcher.broadcast('update.status', { state: 'failed', version: '2.1.0' });
  await expect(page.getByRole('complementary', { name: 'App update' }).getByRole('status')).toHaveText(
    'Version 2.1.0 could not be downloaded. We will try again later — you can keep working',
  );
  await page.getByRole('radio', { name: 'Русский' }).check();
});
