import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { startHarness } from './tests/harness/server';
const harness = await startHarness({});
const browser = await chromium.launch({ ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}), args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
for (let i = 0; i < 3; i++) {
  const context = await browser.newContext();
  await context.addInitScript({ content: `
    window.__t = []; const OrigWS = window.WebSocket;
    window.WebSocket = class extends OrigWS { constructor(...a) { super(...a); window.__t.push(['ws-new', performance.now()]); this.addEventListener('open', () => window.__t.push(['ws-open', performance.now()])); let n = 0; this.addEventListener('message', () => { if (n++ < 8) window.__t.push(['ws-msg', performance.now()]); }); } };
    new MutationObserver(() => { if (!window.__u && document.querySelector('input[type="tel"]')) { window.__u = performance.now(); window.__t.push(['usable', window.__u]); } }).observe(document, { subtree: true, childList: true });
  ` });
  const page = await context.newPage();
  await page.goto(harness.url);
  await page.waitForFunction(() => (window as any).__u, null, { polling: 20 });
  const data = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
    const res = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => [r.name.split('/').pop(), Math.round(r.startTime), Math.round(r.responseEnd)]);
    return { nav: { fetchStart: Math.round(nav.fetchStart), responseEnd: Math.round(nav.responseEnd), domInteractive: Math.round(nav.domInteractive), dcl: Math.round(nav.domContentLoadedEventEnd) }, res, t: (window as any).__t.map(([k, v]: [string, number]) => [k, Math.round(v)]) };
  });
  console.log(JSON.stringify(data));
  await context.close();
}
await browser.close(); await harness.close?.();
process.exit(0);
