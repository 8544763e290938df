import type { Locator, Page } from '@playwright/test';
import { seriousViolations } from './axe';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { chooseInAccountMenu, signInAs } from './session';

/**
 * Issue 22: the forms' choices of one (detail filter, history filter, support topic, autopay card, kiosk printer) are
 * the design system's select, not the browser's: used from the keyboard alone as the WAI-ARIA select-only combobox is.
 */
const anna = demoSubscriber(0);

/**
 * Letters as a Russian keyboard sends them (keydown with the Cyrillic key): Playwright's keyboard knows only the US
 * layout and would insert Cyrillic text without a keydown.
 */
async function typeLetters(box: Locator, letters: string): Promise<void> {
  for (const key of letters) await box.dispatchEvent('keydown', { key, bubbles: true, cancelable: true });
}

/** The option the keyboard is on: the one the combobox names as its active descendant. */
async function expectActive(page: Page, box: Locator, words: string): Promise<void> {
  await expect(box).toHaveAttribute('aria-expanded', 'true');
  const id = await box.getAttribute('aria-activedescendant');
  expect(id, 'an active option while the list is open').toBeTruthy();
  await expect(page.locator(`[id="${id}"]`)).toHaveText(words);
}

test('the detail filter is chosen with the arrows, Home / End, letters, Enter, Space and Escape', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Детализация' }).click();
  const box = page.getByRole('combobox', { name: 'Что показать' });
  await expect(box).toHaveText('Всё');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('select')).toHaveCount(0);

  await box.focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Что показать' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('option')).toHaveText(['Всё', 'Звонки', 'SMS', 'Интернет', 'Списания и платежи']);
  await expect(list.getByRole('option', { name: 'Всё' })).toHaveAttribute('aria-selected', 'true');
  await expectActive(page, box, 'Всё');
  expect(await seriousViolations(page), 'the open list').toEqual([]);
  await page.screenshot({ path: 'test-results/select-box-detail.png' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expectActive(page, box, 'SMS');
  await page.keyboard.press('Enter');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await expect(box).toHaveText('SMS');
  await expect(box).toBeFocused();

  // Home and End open the list at its ends; Escape closes it and keeps what was chosen.
  await page.keyboard.press('End');
  await expectActive(page, box, 'Списания и платежи');
  await page.keyboard.press('Home');
  await expectActive(page, box, 'Всё');
  await page.keyboard.press('Escape');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveText('SMS');
  // Escape inside the list closes the list only: the page is still here, focus still on the select.
  await expect(box).toBeFocused();

  // A letter opens the list at the first option that starts with it; Space chooses.
  await typeLetters(box, 'и');
  await expectActive(page, box, 'Интернет');
  await page.keyboard.press(' ');
  await expect(box).toHaveText('Интернет');

  await page.getByRole('button', { name: 'Показать' }).click();
  const table = page.getByRole('table', { name: 'Операции' });
  const what = table.getByRole('row').locator('[role="cell"]:nth-child(2)');
  await expect(what.first()).toHaveText('Интернет');
});

test('the support topic: an error on it clears once a topic is typed for, and letters typed together find a topic by its start', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await page.getByRole('link', { name: 'Поддержка' }).click();
  await page.getByRole('button', { name: 'Отправить обращение' }).click();
  const box = page.getByRole('combobox', { name: 'Тема обращения' });
  await expect(box).toHaveAttribute('aria-invalid', 'true');
  await expect(box).toHaveText('Выберите тему');
  // The form sends focus to its first wrong field: the topic.
  await expect(box).toBeFocused();

  await typeLetters(box, 'ли');
  await expectActive(page, box, 'Личный кабинет и вход');
  await page.keyboard.press('ArrowUp');
  await expectActive(page, box, 'SIM-карта и eSIM');
  await page.keyboard.press('Enter');
  await expect(box).toHaveText('SIM-карта и eSIM');
  await expect(box).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByText('Выберите тему обращения')).toHaveCount(0);

  // With the mouse too: the list opens on a click and an option is chosen by a click.
  await box.click();
  await page.getByRole('listbox', { name: 'Тема обращения' }).getByRole('option', { name: 'Роуминг и поездки' }).click();
  await expect(box).toHaveText('Роуминг и поездки');
  await expect(box).toBeFocused();
  // A click outside closes an open list without choosing.
  await page.keyboard.press('ArrowDown');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).toHaveText('Роуминг и поездки');
});

test('in English and dark: the payments history filter — Page Down to the last, Tab chooses and moves on', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  await chooseInAccountMenu(page, 'en', 'dark');
  await page.getByRole('link', { name: 'Payments' }).click();
  await page.getByRole('tab', { name: 'History' }).click();
  const box = page.getByRole('combobox', { name: 'Show' });
  await expect(box).toHaveText('All');
  await box.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('listbox', { name: 'Show' }).getByRole('option')).toHaveText(['All', 'Top-ups', 'Transfers', 'Promised payments']);
  expect(await seriousViolations(page), 'the open list, dark').toEqual([]);
  await page.screenshot({ path: 'test-results/select-box-history-dark.png' });
  await page.keyboard.press('PageDown');
  await expectActive(page, box, 'Promised payments');
  await page.keyboard.press('ArrowDown');
  await expectActive(page, box, 'Promised payments');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Tab');
  await expect(box).toHaveText('Transfers');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toBeFocused();

  // Letters on an English keyboard: «t» again steps through the options starting with it, «pr» finds by its start.
  await box.focus();
  await page.keyboard.press('t');
  await expectActive(page, box, 'Top-ups');
  await page.keyboard.press('t');
  await expectActive(page, box, 'Transfers');
  await page.keyboard.press('Escape');
  await page.waitForTimeout(600); // a new search starts after half a second without typing
  await page.keyboard.type('pr');
  await expectActive(page, box, 'Promised payments');
  await page.keyboard.press('Tab');
  await expect(box).toHaveText('Promised payments');
  await expect(box).toHaveAttribute('aria-expanded', 'false');
  await expect(box).not.toBeFocused();
});
