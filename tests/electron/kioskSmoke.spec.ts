import { readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchCabinet, passwordSubscriber, protectWithPassphrase, skipWithoutElectron } from './launch';

test('the desktop app as a store kiosk: one locked-down full-screen window, a staff PIN first, a receipt as PDF, the visit wiped', async () => {
  skipWithoutElectron();
  const subscriber = passwordSubscriber();
  const { app, userData } = await launchCabinet('cabinet-electron-kiosk-', {
    args: ['--kiosk'],
    env: (dataDir) => ({ CABINET_RECEIPT_PDF_DIR: join(dataDir, 'receipts') }),
  });
  const receipts = join(userData, 'receipts');
  try {
    const window = await app.firstWindow();
    const shape = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((each) => ({ kiosk: each.isKiosk(), title: each.getTitle(), closable: each.isClosable(), menu: each.isMenuBarVisible() })),
    );
    expect(shape).toEqual([{ kiosk: true, title: 'Личный кабинет', closable: false, menu: false }]);

    await protectWithPassphrase(window, 'смоук тест киоска');
    await expect(window.getByRole('heading', { name: 'Первый запуск киоска: задайте PIN сотрудника' })).toBeVisible();
    await window.getByLabel('PIN сотрудника').fill('482915');
    await window.getByLabel('PIN ещё раз').fill('482915');
    await window.getByRole('button', { name: 'Сохранить PIN' }).click();
    await window.getByRole('button', { name: 'Закрыть панель' }).click();

    await window.getByRole('button', { name: 'Войти по паролю' }).click();
    await window.getByLabel('Номер телефона').fill(subscriber.lines[0]!.msisdn.slice(2));
    await window.getByLabel('Пароль', { exact: true }).fill(subscriber.password!);
    await window.getByRole('button', { name: 'Войти', exact: true }).click();
    await expect(window.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();

    await window.getByRole('link', { name: 'Платежи' }).click();
    await window.getByLabel('Сумма, ₽').fill('100');
    await window.getByLabel('Номер карты').fill('4111 1111 1111 1111');
    await window.getByLabel('Срок действия (ММ/ГГ)').fill(`12${String((new Date().getFullYear() + 2) % 100).padStart(2, '0')}`);
    await window.getByLabel('CVC/CVV').fill('123');
    await window.getByRole('button', { name: /^Пополнить/ }).click();
    await expect(window.getByText('Чек напечатан — заберите его у принтера')).toBeVisible();
    expect(readdirSync(receipts).filter((name) => name.endsWith('.pdf'))).toHaveLength(1);

    await window.evaluate(() => localStorage.setItem('visit', 'left behind'));
    await window.getByRole('button', { name: 'Завершить сеанс' }).click();
    await expect(window.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    expect(await window.evaluate(() => localStorage.length)).toBe(0);
    // The receipt PDF was the subscriber's: the end of the visit deleted it.
    expect(readdirSync(receipts).filter((name) => name.endsWith('.pdf'))).toHaveLength(0);
  } finally {
    await app.evaluate(({ app: electronApp }) => electronApp.exit(0)).catch(() => undefined);
    await rm(userData, { recursive: true, force: true });
  }
});
