import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

const demo = demoSubscriber(2);

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`the sign-in and main screens have no serious accessibility problems (${colorScheme})`, async ({ page, harness }) => {
    await page.emulateMedia({ colorScheme });
    await openCabinet(page, harness);
    await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The error state of the form, too.
    await page.getByLabel('Номер телефона').fill('12');
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect(page.getByLabel('Номер телефона')).toHaveAttribute('aria-invalid', 'true');
    expect(await seriousViolations(page)).toEqual([]);

    await signInAs(page, demo.line.msisdn, demo.subscriber.password);
    expect(await seriousViolations(page)).toEqual([]);
  });
}

test('the sign-in form works from the keyboard alone', async ({ page, harness }) => {
  await openCabinet(page, harness);
  await expect(page.getByRole('heading', { name: 'Вход в личный кабинет' })).toBeVisible();
  await page.getByLabel('Номер телефона').focus();
  await page.keyboard.type(demo.line.msisdn.slice(2));
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Пароль', { exact: true })).toBeFocused();
  await page.keyboard.type(demo.subscriber.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Остатки пакетов' })).toBeVisible();
});
