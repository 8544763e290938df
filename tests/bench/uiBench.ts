// npm run bench:ui — how fast the cabinet feels, in the built renderer (run `npm run build` first; this builds nothing)
// served by the e2e harness (tests/harness/server.ts: the same core and dispatcher as the app) in Debian's Chromium
// through Playwright. Each of RUNS rounds opens a fresh browser context (no cache, as a new app window) and times, on
// the page's own clock (performance.now(), marks set by a MutationObserver the moment the DOM shows the state):
//   signin_usable_ms   — the page starts → the number field and an enabled «Войти» are on the screen;
//   signin_to_main_ms  — «Войти» clicked → the main screen shows the remainders, the number and password typed as a
//                        person types (a key every 100 ms: the main screen's code is fetched meanwhile, as designed);
//                        `signin_to_main_filled_at_once_ms` the same with both filled in at once, as no person can;
//   topup_ms           — «Пополнить» clicked on the card form (a test card that succeeds) → «Баланс пополнен».
// Medians are printed, with the same machine's baseline measured in the same process: a blank page (a tiny static
// file from the same harness) loaded in a fresh context, and each figure over it (`*_over_blank=`), so runs on a
// busy machine can be compared. Goals (an idle machine): ≤ 500, ≤ 300, ≤ 300 ms.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from '@playwright/test';
import { startHarness } from '../harness/server';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

const RUNS = Number(process.env.UI_BENCH_RUNS ?? 10);
/** A key every this many ms: a quick typist (a person needs a second or two for a number and a password). */
const TYPING_MS = 100;
const debianChromium = '/usr/bin/chromium';
const demo = bundledOperatorData().demoSubscribers[0]!;
const line = demo.lines[0]!;
const nextYear = String((new Date().getFullYear() + 2) % 100).padStart(2, '0');

/**
 * Marks set on the page's clock when the DOM first shows each state (checked on every DOM change). A string, not a
 * function: tsx's transform would wrap a function's inner functions in a helper the page does not have.
 */
const markScript = `
  const marks = {};
  window.__uiMarks = marks;
  const check = () => {
    if (marks.usable === undefined) {
      const phone = document.querySelector('input[type="tel"]');
      const submit = [...document.querySelectorAll('form button[type="submit"]')].find((button) => !button.disabled);
      if (phone && submit) marks.usable = performance.now();
    }
    if (marks.signInClicked !== undefined && marks.main === undefined && document.querySelector('#remainders-heading') && document.querySelector('[role="progressbar"]')) marks.main = performance.now();
    if (marks.payClicked !== undefined && marks.paid === undefined && /Баланс пополнен/.test(document.body.innerText)) marks.paid = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const marks = (page: Page) => page.evaluate(() => (window as unknown as { __uiMarks: Record<string, number> }).__uiMarks);
async function waitForMark(page: Page, name: string): Promise<number> {
  await page.waitForFunction((mark) => (window as unknown as { __uiMarks: Record<string, number> }).__uiMarks?.[mark] !== undefined, name, { timeout: 30_000, polling: 50 });
  return (await marks(page))[name]!;
}

async function blankPage(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}/favicon.svg`, { waitUntil: 'load' });
  const loaded = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd);
  await context.close();
  return loaded;
}

async function round(browser: Browser, url: string, typing: boolean): Promise<{ usable: number; toMain: number; topUp: number }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript({ content: markScript });
  const page = await context.newPage();
  await page.goto(url);
  const usable = await waitForMark(page, 'usable');

  if (typing) {
    // As a person types: a key every TYPING_MS (the main screen's code is fetched while they do, see router.ts).
    await page.getByLabel('Номер телефона').pressSequentially(line.msisdn.slice(2), { delay: TYPING_MS });
    await page.getByLabel('Пароль', { exact: true }).pressSequentially(demo.password!, { delay: TYPING_MS });
  } else {
    await page.getByLabel('Номер телефона').fill(line.msisdn.slice(2));
    await page.getByLabel('Пароль', { exact: true }).fill(demo.password!);
  }
  await page.evaluate(() => {
    const marks = (window as unknown as { __uiMarks: Record<string, number> }).__uiMarks;
    const submit = [...document.querySelectorAll<HTMLButtonElement>('form button[type="submit"]')].find((button) => !button.disabled)!;
    marks.signInClicked = performance.now();
    submit.click();
  });
  const main = await waitForMark(page, 'main');
  const clicked = (await marks(page)).signInClicked!;

  await page.getByRole('link', { name: 'Платежи' }).click();
  await page.getByLabel('Сумма, ₽').fill('100');
  await page.getByLabel('Номер карты').fill('4111 1111 1111 1111');
  await page.getByLabel('Срок действия (ММ/ГГ)').fill(`12${nextYear}`);
  await page.getByLabel('CVC/CVV').fill('123');
  const pay = page.getByRole('button', { name: /^Пополнить/ });
  await pay.waitFor();
  await pay.evaluate((button) => {
    (window as unknown as { __uiMarks: Record<string, number> }).__uiMarks.payClicked = performance.now();
    (button as HTMLButtonElement).click();
  });
  const paid = await waitForMark(page, 'paid');
  const payClicked = (await marks(page)).payClicked!;
  await context.close();
  return { usable, toMain: main - clicked, topUp: paid - payClicked };
}

const harness = await startHarness({});
const browser = await chromium.launch({
  ...(existsSync(debianChromium) ? { executablePath: debianChromium } : {}),
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // One round first, not counted: the harness's store and the browser warm up, as an app that has started.
  await round(browser, harness.url, false);
  const blank: number[] = [];
  const usable: number[] = [];
  const toMain: number[] = [];
  const toMainFilled: number[] = [];
  const topUp: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    blank.push(await blankPage(browser, harness.url));
    // Typed as a person types, and (every round too) filled in at once, as no person can.
    const result = await round(browser, harness.url, true);
    const filled = await round(browser, harness.url, false);
    usable.push(result.usable, filled.usable);
    toMain.push(result.toMain);
    toMainFilled.push(filled.toMain);
    topUp.push(result.topUp, filled.topUp);
    console.log(
      `run ${run + 1}: blank ${blank.at(-1)!.toFixed(0)} ms, usable ${result.usable.toFixed(0)} / ${filled.usable.toFixed(0)} ms, sign-in → main ${result.toMain.toFixed(0)} ms typed, ${filled.toMain.toFixed(0)} ms filled at once, top-up ${result.topUp.toFixed(0)} / ${filled.topUp.toFixed(0)} ms`,
    );
  }
  const b = median(blank);
  const figures = { signin_usable_ms: median(usable), signin_to_main_ms: median(toMain), signin_to_main_filled_at_once_ms: median(toMainFilled), topup_ms: median(topUp) };
  console.log(`baseline_blank_page_ms=${b.toFixed(0)}`);
  for (const [name, value] of Object.entries(figures)) console.log(`${name}=${value.toFixed(0)} ${name.replace(/_ms$/, '')}_over_blank=${(value / Math.max(b, 1)).toFixed(1)}`);
  console.log('goals (idle machine): signin_usable_ms ≤ 500, signin_to_main_ms ≤ 300, topup_ms ≤ 300');
} finally {
  await browser.close();
  await harness.close();
}
