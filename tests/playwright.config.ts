import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const debianChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: fileURLToPath(new URL('.', import.meta.url)),
  globalSetup: fileURLToPath(new URL('./e2e/globalSetup.ts', import.meta.url)),
  outputDir: fileURLToPath(new URL('../test-results', import.meta.url)),
  workers: 2,
  // On CI a test that fails once is run once more and reported as flaky (the list reporter names it):
  // the CI machine runs every suite at once on 2 cores, and a 10 s wait can lose to that load. A test
  // that fails twice fails the run.
  retries: process.env.CI ? 1 : 0,
  fullyParallel: true,
  reporter: [['list']],
  // A test's own limit, not a measurement: several tests run axe-core many times or go through two browsers.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    locale: 'ru-RU',
    viewport: { width: 1280, height: 800 },
    // Recording a trace of every test cost about half the e2e suite's CPU; a trace is kept of a retry only.
    trace: 'on-first-retry',
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
