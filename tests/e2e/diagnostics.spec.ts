import { seriousViolations } from './axe';
import { expect, openCabinet, test } from './fixtures';

// Issue 21 item 4: a diagnostics screen with each adapter's state, last error and queue.

test.describe('without demo mode', () => {
  test.use({ harnessOptions: { demo: false } });

  test('the sign-in screen leads to the connections: the database works, SMS and card payments are not set up', async ({ page, harness }) => {
    await openCabinet(page, harness);
    await page.getByRole('link', { name: 'Состояние подключений' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Состояние подключений' })).toBeVisible();
    const table = page.getByRole('table', { name: 'Подключения' });
    await expect(table.getByRole('row', { name: /База данных/ })).toContainText('Готово');
    await expect(table.getByRole('row', { name: /SMS-центр/ })).toContainText('Не настроено');
    await expect(table.getByRole('row', { name: /Оплата картой/ })).toContainText('Не настроено');
    await expect(page.getByText(/^Проверено /)).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await seriousViolations(page), colorScheme).toEqual([]);
    }
    await page.screenshot({ path: 'tests/e2e/screenshots/diagnostics-dark.png', fullPage: true });
    await page.getByRole('link', { name: /Ко входу/ }).click();
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  });
});

test('in demo mode the test doubles are shown as demo, in English too', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByLabel('Язык').selectOption('en');
  await page.getByRole('link', { name: 'Connections' }).click();
  const table = page.getByRole('table', { name: 'Connections' });
  await expect(table.getByRole('row', { name: /SMS centre/ })).toContainText('Demo');
  await expect(table.getByRole('row', { name: /Card payments/ })).toContainText('Ready');
});
