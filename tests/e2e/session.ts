import type { Page } from '@playwright/test';
import { expect } from './fixtures';
import { typedDigits } from './demoData';

/** Signs in through the sign-in screen as a person would, and waits for the main screen. */
export async function signInAs(page: Page, msisdn: string, password: string): Promise<void> {
  await page.getByLabel(/^(Номер телефона|Phone number)$/).fill(typedDigits(msisdn));
  await page.getByLabel(/^(Пароль|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(Войти|Sign in)$/ }).click();
  await expect(page.getByRole('region', { name: /^(Остатки пакетов|Package remainders)$/ })).toBeVisible();
}

/** Opens the header's account menu (numbers, language, theme, signing out), if it is not open yet. */
export async function openAccountMenu(page: Page): Promise<void> {
  const toggle = page.getByRole('banner').getByRole('button', { name: /(Аккаунт|Account)$/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await expect(page.getByRole('group', { name: /^(Аккаунт|Account)$/ })).toBeVisible();
}

/** Signs out through the account menu. */
export async function signOutThroughMenu(page: Page): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('button', { name: /^(Выйти|Sign out)$/ }).click();
}

/** Switches the window to another number of the profile through the account menu. */
export async function switchNumber(page: Page, msisdn: string): Promise<void> {
  await openAccountMenu(page);
  const shown = msisdn.replace(/^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/, '+7 $1 $2-$3-$4');
  await page.getByRole('group', { name: /^(Номера профиля|Profile numbers)$/ }).getByRole('button', { name: shown }).click();
}

/** Language (and theme) through the account menu of a signed-in window, as a person would; the menu is closed after. */
export async function chooseInAccountMenu(page: Page, language: 'ru' | 'en', theme?: 'light' | 'dark'): Promise<void> {
  await openAccountMenu(page);
  await page.getByRole('radio', { name: language === 'ru' ? 'Русский' : 'English' }).check();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  if (theme) {
    await page.getByRole('radio', { name: theme === 'light' ? /^(Светлая|Light)$/ : /^(Тёмная|Dark)$/ }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
  }
  await page.keyboard.press('Escape');
}
