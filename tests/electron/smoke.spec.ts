import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where Electron's own binary is, without requiring the `electron` package (which would try to
 * download it): its path.txt names the executable inside dist/.
 */
function electronBinary(): string | null {
  const packageDir = join(root, 'node_modules/electron');
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const relative = readFileSync(pathFile, 'utf8').trim();
  const executable = process.env.ELECTRON_OVERRIDE_DIST_PATH ? join(process.env.ELECTRON_OVERRIDE_DIST_PATH, relative) : join(packageDir, 'dist', relative);
  return existsSync(executable) ? executable : null;
}

const binary = electronBinary();

test('the desktop app: sign in as a demo subscriber, see the main screen, sign out', async () => {
  if (binary === null) console.log('skipped: no Electron binary (Electron downloads it on first run; this machine cannot)');
  test.skip(binary === null, 'skipped: no Electron binary');
  const userData = await mkdtemp(join(tmpdir(), 'cabinet-electron-'));
  const subscriber = bundledOperatorData().demoSubscribers.find((candidate) => candidate.password !== null)!;
  const app = await electron.launch({
    executablePath: binary!,
    args: [join(root, 'out/main/main.js'), `--user-data-dir=${userData}`, '--no-sandbox'],
    env: { ...process.env, CABINET_DATA_DIR: userData, CABINET_KEY_MODE: 'passphrase' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { name: 'Защитите данные на этом компьютере' })).toBeVisible();
    await window.getByLabel('Фраза-пароль', { exact: true }).fill('смоук тест электрона');
    await window.getByLabel('Повторите фразу-пароль').fill('смоук тест электрона');
    await window.getByRole('button', { name: 'Защитить и продолжить' }).click();

    await window.getByLabel('Номер телефона').fill(subscriber.lines[0]!.msisdn.slice(2));
    await window.getByLabel('Пароль', { exact: true }).fill(subscriber.password!);
    await window.getByRole('button', { name: 'Войти' }).click();
    await expect(window.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');

    await window.getByRole('button', { name: 'Выйти' }).click();
    await expect(window.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  } finally {
    await app.close();
    await rm(userData, { recursive: true, force: true });
  }
});
