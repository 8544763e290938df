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
