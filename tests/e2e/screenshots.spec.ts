import { fileURLToPath } from 'node:url';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { signInAs } from './session';

/** Screens to look at (tests/e2e/screenshots, git-ignored); the README's picture is one of them. */
const folder = fileURLToPath(new URL('./screenshots/', import.meta.url));
const demo = demoSubscriber(0);

for (const colorScheme of ['light', 'dark'] as const) {
  for (const language of ['ru', 'en'] as const) {
    test(`screenshots: sign-in and main screen, ${colorScheme}, ${language}`, async ({ page, harness }) => {
      await page.emulateMedia({ colorScheme });
      await openCabinet(page, harness);
      if (language === 'en') await page.getByLabel('Язык').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await page.screenshot({ path: `${folder}sign-in-${colorScheme}-${language}.png` });
      await signInAs(page, demo.line.msisdn, demo.subscriber.password);
      await expect(page.getByRole('progressbar').first()).toBeVisible();
      await page.screenshot({ path: `${folder}main-${colorScheme}-${language}.png`, fullPage: true });
    });
  }
}
