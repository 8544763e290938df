import { seriousViolations } from './axe';
import { expect, openCabinet, test } from './fixtures';

// Issue 21 item 4: a diagnostics screen with each adapter's state, last error and queue.

test.describe('without demo mode', () => {
  test.use({ harnessOptions: { demo: false } });

  test('the sign-in screen leads to the connections: the database works, SMS and card payments are not set up', async ({ page, harness }) => {
    test.slow(); // axe over the whole page in two themes
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

  test('the connection settings: a bad field is named, a password is kept but never shown, a restart applies them', async ({ page, harness }) => {
    test.slow(); // axe over every form
    await openCabinet(page, harness);
    await page.getByRole('link', { name: 'Состояние подключений' }).click();
    // The SMS centre's settings: a bad port is named under its field and clears when edited; the password is
    // never shown again, only that it is set; the change applies at the next start.
    const sms = page.getByRole('form', { name: /SMS-центр/ });
    await sms.getByLabel('Адрес SMS-центра (SMPP)').fill('smsc.operator.test');
    await sms.getByLabel('Порт').fill('99999');
    await sms.getByLabel('System ID').fill('cabinet');
    await sms.getByLabel('Пароль SMPP').fill('s3cr3t');
    await sms.getByLabel('Отправитель').fill('Tele2');
    await sms.getByRole('button', { name: 'Сохранить: SMS-центр' }).click();
    await expect(sms.getByLabel('Порт')).toHaveAttribute('aria-invalid', 'true');
    await expect(sms.getByText('a port from 1 to 65535')).toBeVisible();
    await sms.getByLabel('Порт').fill('2775');
    await expect(sms.getByLabel('Порт')).toHaveAttribute('aria-invalid', 'false');
    await sms.getByRole('button', { name: 'Сохранить: SMS-центр' }).click();
    await expect(sms.getByRole('status')).toHaveText('Сохранено');
    await expect(sms.getByLabel('Пароль SMPP')).toHaveValue('');
    await expect(sms.getByText('Задан. Оставьте поле пустым, чтобы не менять')).toBeVisible();
    await expect(page.getByText('Перезапустите приложение, чтобы они вступили в силу')).toBeVisible();
    await page.screenshot({ path: 'tests/e2e/screenshots/connection-settings.png', fullPage: true });
    expect(await seriousViolations(page), 'settings').toEqual([]);
  });
});

test('in demo mode the test doubles are shown as demo, in English too', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await page.getByRole('radio', { name: 'English' }).check();
  await page.getByRole('link', { name: 'Connections' }).click();
  const table = page.getByRole('table', { name: 'Connections' });
  await expect(table.getByRole('row', { name: /SMS centre/ })).toContainText('Demo');
  await expect(table.getByRole('row', { name: /Card payments/ })).toContainText('Ready');
});
