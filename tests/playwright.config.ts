import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  globalSetup: fileURLToPath(new URL('./e2e/globalSetup.ts', import.meta.url)),
  outputDir: fileURLToPath(new URL('../test-results', import.meta.url)),
  workers: 2,
  fullyParallel: true,
  reporter: [['list']],
  // A test's own limit, not a measurement: several tests run axe-core many times or go through two browsers.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    locale: 'ru-RU',
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      testMatch: 'e2e/**/*.spec.ts',
      use: {
        browserName: 'chromium',
        launchOptions: {
          // Playwright cannot download its own browser here: Debian's Chromium where it exists.
          ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
    { name: 'electron', testMatch: 'electron/**/*.spec.ts' },
  ],
});
