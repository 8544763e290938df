import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, test, type ElectronApplication, type Page } from '@playwright/test';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

/** What the Electron smoke specs share: finding Electron, skipping without it, starting the built app on a throwaway data folder. */
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

/** Skips the running test where there is no Electron binary (and says so in the output); else gives it two minutes. */
export function skipWithoutElectron(): void {
  if (binary === null) console.log('skipped: no Electron binary (Electron downloads it on first run; this machine cannot — set ELECTRON_OVERRIDE_DIST_PATH to an unpacked Electron)');
  test.skip(binary === null, 'skipped: no Electron binary');
  test.setTimeout(120_000);
}

/** A demo subscriber who signs in with a password. */
export const passwordSubscriber = () => bundledOperatorData().demoSubscribers.find((candidate) => candidate.password !== null)!;

/**
 * Starts the built app with its data in a new temporary folder (the caller removes it) and the vault key from a
 * passphrase. `extra` adds command-line switches and environment, the latter knowing the data folder.
 */
export async function launchCabinet(
  tempPrefix: string,
  extra: { args?: string[]; env?: (userData: string) => Record<string, string> } = {},
): Promise<{ app: ElectronApplication; userData: string }> {
  const userData = await mkdtemp(join(tmpdir(), tempPrefix));
  const app = await electron.launch({
    executablePath: binary!,
    // As `npm start` runs it: in demo mode (the test acquirer and the phone window), said explicitly.
    args: [join(root, 'out/main/main.js'), `--user-data-dir=${userData}`, '--no-sandbox', '--demo', ...(extra.args ?? [])],
    env: { ...process.env, CABINET_DATA_DIR: userData, CABINET_KEY_MODE: 'passphrase', ...extra.env?.(userData) },
  });
  return { app, userData };
}

/** The first screen of a new install: protect the data with a passphrase. */
export async function protectWithPassphrase(page: Page, passphrase: string): Promise<void> {
  await page.getByLabel('Фраза-пароль', { exact: true }).fill(passphrase);
  await page.getByLabel('Повторите фразу-пароль').fill(passphrase);
  await page.getByRole('button', { name: 'Защитить и продолжить' }).click();
}
