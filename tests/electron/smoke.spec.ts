import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { WebPreferences } from 'electron';
import { launchCabinet, passwordSubscriber, protectWithPassphrase, skipWithoutElectron } from './launch';

/** Each section of the cabinet: its link in the navigation and the heading its page shows. */
const sections = [
  { link: 'Тариф и остатки', heading: 'Тариф и остатки' },
  { link: 'Услуги', heading: 'Услуги' },
  { link: 'Платежи', heading: 'Платежи' },
  { link: 'Детализация', heading: 'Детализация' },
  { link: 'Мои номера', heading: 'Мои номера' },
  { link: 'Безопасность', heading: 'Безопасность' },
  { link: 'Подписки и запреты', heading: 'Подписки и запреты' },
  { link: 'Хранилище данных', heading: 'Фраза-пароль хранилища' },
  { link: 'Главная', heading: 'Главная' },
];

test('the desktop app: sign in as a demo subscriber, open every section, check the windows are locked down, quit', async () => {
  skipWithoutElectron();
  const subscriber = passwordSubscriber();
  const { app, userData } = await launchCabinet('cabinet-electron-');
  let closed = false;
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Защитите данные на этом компьютере' })).toBeVisible();
    await protectWithPassphrase(page, 'смоук тест электрона');

    await page.getByLabel('Номер телефона').fill(subscriber.lines[0]!.msisdn.slice(2));
    await page.getByLabel('Пароль', { exact: true }).fill(subscriber.password!);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();

    const navigation = page.getByRole('navigation', { name: 'Разделы кабинета' });
    for (const section of sections) {
      await navigation.getByRole('link', { name: section.link, exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: section.heading })).toBeAttached();
    }

    // The security settings every window really runs with, as Electron reports them.
    const preferences = await app.evaluate(({ BrowserWindow }) =>
      BrowserWindow.getAllWindows().map((each) => {
        // Not in Electron's typings, but Electron's own tests read a window's effective preferences this way.
        const last = (each.webContents as unknown as { getLastWebPreferences(): WebPreferences | null }).getLastWebPreferences();
        return { title: each.getTitle(), contextIsolation: last?.contextIsolation, sandbox: last?.sandbox, nodeIntegration: last?.nodeIntegration, webviewTag: last?.webviewTag };
      }),
    );
    expect(preferences.length).toBeGreaterThanOrEqual(2);
    for (const each of preferences) expect(each).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
    expect(await page.evaluate(() => [typeof (window as unknown as { require?: unknown }).require, typeof (window as unknown as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
    // A page cannot open a window of its own (about:blank: an https link would go to the system browser).
    await page.evaluate(() => window.open('about:blank', '_blank'));
    expect((await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length))).toBe(preferences.length);

    // The app does not start with the system until the subscriber asks.
    expect(await app.evaluate(({ app: electronApp }) => electronApp.getLoginItemSettings().openAtLogin)).toBe(false);

    // The menu speaks the app's language.
    const menu = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label) ?? []);
    expect(menu).toEqual(expect.arrayContaining(['Правка', 'Вид', 'Окно', 'Справка']));

    await page.getByRole('button', { name: 'Выйти', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();

    // Quit as a person would; the log is in <userData>/logs and holds no password.
    const gone = new Promise<void>((resolve) => app.once('close', () => resolve()));
    await app.evaluate(({ app: electronApp }) => electronApp.quit());
    await gone;
    closed = true;
    const logText = readFileSync(join(userData, 'logs/main.log'), 'utf8');
    expect(logText).toContain('the cabinet starts');
    expect(logText).not.toContain(subscriber.password!);
  } finally {
    if (!closed) await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
