import type { Page } from '@playwright/test';

/**
 * What a person would see as a broken layout, read from the page as it is drawn:
 * - the page scrolls sideways (the document is wider than the window);
 * - a box whose own text does not fit in it (its content is wider than the box, and the box neither scrolls on
 *   purpose nor cuts the text with an ellipsis on purpose).
 * Skipped: what is not drawn (display none, visibility hidden, zero size, screen-reader-only text of 1 px), form
 * controls (a text field scrolls its text by nature), and inline boxes (they wrap, they have no width of their own).
 */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) problems.push(`the page is ${root.scrollWidth} px wide in a ${root.clientWidth} px window`);
    const describe = (element: Element) => {
      const id = element.id ? `#${element.id}` : '';
      const classes = element.classList.length ? `.${[...element.classList].join('.')}` : '';
      const text = (element.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 60);
      return `${element.tagName.toLowerCase()}${id}${classes} «${text}»`;
    };
    for (const element of document.body.querySelectorAll<HTMLElement>('*')) {
      if (element instanceof SVGElement || ['INPUT', 'SELECT', 'TEXTAREA', 'OPTION', 'SCRIPT', 'STYLE', 'svg'].includes(element.tagName)) continue;
      if (!element.checkVisibility?.({ checkOpacity: false, checkVisibilityCSS: true })) continue;
      const style = getComputedStyle(element);
      if (style.display === 'inline' || style.display === 'contents') continue;
      if (['auto', 'scroll'].includes(style.overflowX)) continue;
      if (style.textOverflow === 'ellipsis') continue;
      // Text for screen readers only: a 1 px box that clips what it holds.
      if (element.clientWidth <= 1 || style.clip === 'rect(0px, 0px, 0px, 0px)' || style.clipPath === 'inset(50%)') continue;
      const ownText = [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (!ownText) continue;
      if (element.scrollWidth > element.clientWidth + 1) problems.push(`${describe(element)}: text ${element.scrollWidth} px in a ${element.clientWidth} px box`);
    }
    return problems;
  });
}

/** Waits until the page has settled: no region says it is busy, fonts are in. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy="true"]').length === 0 && document.fonts.status === 'loaded', undefined, { timeout: 10_000 });
}

/**
 * Goes to a route by its hash and waits for that route's own page: its heading replaced the one before (the old
 * page's heading stays on screen while the new page's code loads, and a check then would read the old page).
 */
export async function openRoute(page: Page, hash: string | undefined): Promise<void> {
  // A route missing from a test's table would otherwise land on the main screen and be checked as if it were it.
  if (!hash?.startsWith('#/')) throw new Error(`no hash for this route: ${hash}`);
  await page.evaluate((target) => {
    if (location.hash === target) return;
    document.querySelector('main h1')?.setAttribute('data-page-left', '');
    location.hash = target;
  }, hash);
  await page.waitForFunction(() => {
    const heading = document.querySelector('main h1');
    return heading !== null && !heading.hasAttribute('data-page-left');
  }, undefined, { timeout: 10_000 });
  await settled(page);
}
