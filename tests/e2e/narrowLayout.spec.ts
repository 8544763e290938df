import type { Locator, Page } from '@playwright/test';
import { demoSubscriber } from './demoData';
import { expect, openCabinet, test } from './fixtures';
import { openRoute, settled } from './layoutCheck';
import { chooseInAccountMenu, signInAs } from './session';

/**
 * Issue 22, «the screenshots folder shows no overlap at 900 px»: what the 900 px screenshots showed wrapping badly,
 * measured in the app's smallest window (900×600), Russian and English. The overflow test finds words cut off;
 * these find words pushed into shapes a person would stumble on.
 */
test.describe.configure({ timeout: 120_000 });

const anna = demoSubscriber(0);
const box = async (locator: Locator) => (await locator.boundingBox())!;

async function signedInAt900(page: Page, harness: { url: string }, language: 'ru' | 'en'): Promise<void> {
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(harness.url);
  await signInAs(page, anna.line.msisdn, anna.subscriber.password);
  if (language === 'en') await chooseInAccountMenu(page, 'en');
}

for (const language of ['ru', 'en'] as const) {
  test(`at 900 px (${language}) what is left on the tariff page is one line per card («Осталось 940 мин», not «940 / мин»)`, async ({ page, harness }) => {
    await signedInAt900(page, harness, language);
    await openRoute(page, '#/tariff');
    const figures = page.locator('.remainder__left');
    await expect(figures).toHaveCount(3);
    for (const figure of await figures.all()) {
      const lineHeight = await figure.evaluate((element) => parseFloat(getComputedStyle(element).lineHeight));
      expect((await box(figure)).height, `${await figure.textContent()} on one line`).toBeLessThan(lineHeight * 1.5);
    }
  });

  test(`at 900 px (${language}) a ban's words keep most of their row: its button shows the verb, its name says the rest`, async ({ page, harness }) => {
    await signedInAt900(page, harness, language);
    await openRoute(page, '#/subscriptions');
    const rows = page.locator('[data-ban]');
    await expect(rows).toHaveCount(3);
    for (const row of await rows.all()) {
      const words = await box(row.locator(':scope > div'));
      const button = row.getByRole('button');
      await expect(button).toHaveAccessibleName(language === 'ru' ? /^Включить: / : /^Turn on: /);
      await expect(button).toHaveText(language === 'ru' ? 'Включить' : 'Turn on');
      expect(words.width, 'the words take at least two thirds of the row').toBeGreaterThan((await box(row)).width * 0.66);
    }
  });

  test(`at 900 px (${language}) the support page's lead stands apart from the first card`, async ({ page, harness }) => {
    await signedInAt900(page, harness, language);
    await openRoute(page, '#/support');
    const lead = await box(page.locator('.support > .muted'));
    const card = await box(page.locator('.support__layout .card').first());
    expect(card.y - (lead.y + lead.height)).toBeGreaterThanOrEqual(12);
  });
}

test('at 900 px the diagnostics settings keep each row of fields level, however their labels wrap', async ({ page, harness }) => {
  await page.setViewportSize({ width: 900, height: 600 });
  await openCabinet(page, harness);
  for (const language of ['ru', 'en'] as const) {
    await page.evaluate(() => (location.hash = '#/diagnostics'));
    await page.getByRole('radio', { name: language === 'ru' ? 'Русский' : 'English' }).check();
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await settled(page);
    for (const form of await page.locator('.adapter-settings__fields').all()) {
      const inputs = await form.locator('input').all();
      const boxes = await Promise.all(inputs.map(box));
      // Fields side by side (their tops within a label's height of each other) start at the same height.
      for (const a of boxes) {
        for (const b of boxes) {
          if (a !== b && Math.abs(a.y - b.y) < 48) expect(Math.abs(a.y - b.y), `${language}: fields of one row level`).toBeLessThan(1);
        }
      }
    }
  }
});
