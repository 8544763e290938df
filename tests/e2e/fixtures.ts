import { test as base, expect, type Page } from '@playwright/test';
import { startOidcProvider, type TestOidcProvider } from '../harness/oidcProvider';
import { startHarness, type Harness, type HarnessOptions } from '../harness/server';

interface Fixtures {
  harnessOptions: HarnessOptions;
  /** Start a test OpenID provider on loopback and configure it as VK ID. */
  withVkProvider: boolean;
  oidcProvider: TestOidcProvider | null;
  harness: Harness;
  /** Console errors and CSP violations the page reported; a test fails if any appear. */
  pageProblems: string[];
}

export const test = base.extend<Fixtures>({
  harnessOptions: [{}, { option: true }],
  withVkProvider: [false, { option: true }],
  oidcProvider: async ({ withVkProvider }, use) => {
    const provider = withVkProvider ? await startOidcProvider() : null;
    await use(provider);
    await provider?.close();
  },
  harness: async ({ harnessOptions, oidcProvider }, use) => {
    const options = oidcProvider ? { ...harnessOptions, socialProviders: { vk: oidcProvider.config } } : harnessOptions;
    const harness = await startHarness(options);
    await use(harness);
    await harness.close();
  },
  // Depends on the harness so that it is checked before the harness closes: what a page logs while
  // its server goes away at the end of a test is not the page's fault.
  pageProblems: [
    async ({ page, harness }, use) => {
      void harness;
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
