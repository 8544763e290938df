/**
 * main.ts's first import, built as a chunk of its own (electron.vite.config.ts), so that it runs before the app's other
 * modules (Vue, the router, the stores: a hundred milliseconds of script and more on a busy machine in bench:ui):
 * - the sign-in screen's code (most windows start there) is asked for now; the sign-in route loads the same chunk,
 *   which is then here or on its way;
 * - the two answers the first screen waits for (language and theme; whether this computer is a kiosk) are asked for
 *   now, straight from the bridge, and main.ts hands them to their stores: they come back while the app's modules run.
 */
export const firstAsks = {
  preferences: window.cabinet.settings.preferences({}),
  kiosk: window.cabinet.kiosk.status({}),
};

void import('./views/SignInView.vue');
