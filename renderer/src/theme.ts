import type { Theme } from '../../shared/contract/settings';

const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
let chosen: Theme = 'system';

function show(): void {
  document.documentElement.dataset.theme = chosen === 'system' ? (systemDark.matches ? 'dark' : 'light') : chosen;
}
systemDark.addEventListener('change', show);

/** The page always carries the theme it shows as data-theme; "system" follows the OS, live. */
export function showTheme(choice: Theme): void {
  chosen = choice;
  show();
}
