import type { Locator, Page } from '@playwright/test';
import { expect } from './fixtures';

/** Chooses an option of a design-system select (ui/SelectBox) by its words, as a person would: open it, click the option. */
export async function chooseOption(page: Page, label: string | RegExp, option: string | RegExp): Promise<Locator> {
  const box = page.getByRole('combobox', { name: label });
  await box.click();
  await page.getByRole('listbox', { name: label }).getByRole('option', { name: option, exact: typeof option === 'string' }).click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toContainText(option);
  return box;
}
