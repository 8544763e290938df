import { test as base, expect, type Page } from '@playwright/test';
import { startHarness, type Harness, type HarnessOptions } from '../harness/server';

interface Fixtures {
  harnessOptions: HarnessOptions;
  harness: Harness;
  /** Console errors and CSP violations the page reported; a test fails if any appear. */
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  harnessOptions: [{}, { option: true }],
  harness: async ({ harnessOptions }, use) => {
    const harness = await startHarness(harnessOptions);
    await use(harness);
    await harness.close();
  },
  pageProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      await use(problems);
      expect(problems, 'the page reported errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens the cabinet served by this test's harness. */
export async function openCabinet(page: Page, harness: Harness): Promise<void> {
  await page.goto(harness.url);
}
