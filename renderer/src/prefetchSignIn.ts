/**
 * main.ts's first import, built as a chunk of its own (electron.vite.config.ts), so that it runs before the app's other
 * modules: the sign-in screen's code (most windows start there) is asked for as soon as the app's modules are loaded,
 * not after Vue, the router and the stores have run (a few hundred milliseconds of script on a busy machine in
 * bench:ui). The sign-in route loads the same chunk, which is then here or on its way.
 */
void import('./views/SignInView.vue');
