import { createRouter, createWebHashHistory, type RouteLocationRaw } from 'vue-router';
import { useSessionStore } from './stores/session';
import { useAccountStore } from './stores/account';
import { useVaultStore } from './stores/vault';
import { useKioskStore } from './stores/kiosk';
import { usePreferencesStore } from './stores/preferences';
import { classicRoutes, routeForInterface } from './classicRoutes';
import { i18n } from './i18n';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in window may see this route. */
    requiresSession?: boolean;
  }
}

// The screens' code, named once: the routes load them, and the prefetches below warm the same chunks.
const signInView = () => import('./views/SignInView.vue');
const appLayout = () => import('./components/AppLayout.vue');
const homeView = () => import('./views/HomeView.vue');

/**
 * Speed a person feels (bench:ui): the sign-in screen's code is asked for before the app's modules run
 * (prefetchSignIn.ts), and while a person types their number and password the main screen's code arrives — «Войти»
 * then waits only for the sign-in and the overview, not for chunks fetched one after another, nor for the formatters
 * its figures need.
 */
function prefetchMainScreen(): void {
  const idle = (work: () => void) => ('requestIdleCallback' in window ? window.requestIdleCallback(work, { timeout: 1500 }) : setTimeout(work, 300));
  idle(() => {
    void appLayout();
    void homeView();
    // Its formatters too, in an idle moment of their own (the first one made is the slow one).
    void import('./format/prepareFormats').then(({ prepareFormats }) => idle(() => prepareFormats(i18n.global.locale.value)));
  });
}

export const router = createRouter({
  // Hash history: the app is served from app://cabinet/ in Electron and from a local port in the harness.
  history: createWebHashHistory(),
  routes: [
    { path: '/unlock', name: 'unlock', component: () => import('./views/UnlockView.vue') },
    { path: '/sign-in', name: 'sign-in', component: signInView },
    { path: '/staff', name: 'kiosk-staff', component: () => import('./views/KioskStaffView.vue') },
    { path: '/diagnostics', name: 'diagnostics', component: () => import('./views/DiagnosticsView.vue') },
    { path: '/set-password', name: 'set-password', component: () => import('./views/SetPasswordView.vue'), meta: { requiresSession: true } },
    {
      path: '/',
      component: appLayout,
      meta: { requiresSession: true },
      children: [
        { path: '', name: 'home', component: homeView },
        { path: 'tariff', name: 'tariff', component: () => import('./views/TariffView.vue') },
        { path: 'services', name: 'services', component: () => import('./views/ServicesView.vue') },
        { path: 'detail', name: 'detail', component: () => import('./views/DetailView.vue') },
        { path: 'payments', name: 'payments', component: () => import('./views/PaymentsView.vue') },
        { path: 'numbers', name: 'numbers', component: () => import('./views/NumbersView.vue') },
        { path: 'security', name: 'security', component: () => import('./views/SecurityView.vue') },
        { path: 'profile', name: 'profile', component: () => import('./views/ProfileView.vue') },
        { path: 'support', name: 'support', component: () => import('./views/SupportView.vue') },
        { path: 'remainders', name: 'remainders', component: () => import('./views/RemaindersView.vue') },
        { path: 'subscriptions', name: 'subscriptions', component: () => import('./views/SubscriptionsView.vue') },
        { path: 'data-store', name: 'data-store', component: () => import('./views/VaultPassphraseView.vue') },
      ],
    },
    classicRoutes,
    { path: '/:unknown(.*)', redirect: '/' },
  ],
});

router.beforeEach(async (to): Promise<RouteLocationRaw | true> => {
  const session = useSessionStore();
  // Who this window is signed in as is asked beside whether the store is open, not after it (the main side knows
  // its windows' sessions without the store); a window whose store stays shut goes to the unlock screen either way.
  const restoring = session.restored ? null : session.restore();
  // Awaited below where the route needs it: a route decided before then must not leave its failure unhandled.
  restoring?.catch(() => undefined);
  const vault = useVaultStore();
  if (vault.status?.state !== 'open') {
    const status = await vault.waitUntilSettled();
    if (status?.state !== 'open') return to.name === 'unlock' ? true : { name: 'unlock' };
  }
  if (to.name === 'unlock') return { name: 'home' };

  // A kiosk's first start: the staff PIN is set before anyone signs in.
  const kiosk = useKioskStore();
  if (kiosk.enabled && !kiosk.status?.pinSet) return to.name === 'kiosk-staff' ? true : { name: 'kiosk-staff' };
  if (to.name === 'kiosk-staff' && !kiosk.enabled) return { name: 'home' };
  // On a kiosk the connections are shown inside the staff panel, behind its PIN.
  if (to.name === 'diagnostics' && kiosk.enabled) return { name: 'kiosk-staff' };

  if (restoring) await restoring;
  if (to.matched.some((record) => record.meta.requiresSession) && !session.session) return { name: 'sign-in' };
  // A registration, recovery or PUK sign-in sets its password before anything else.
  if (session.session?.mustSetPassword) return to.name === 'set-password' ? true : { name: 'set-password' };
  if ((to.name === 'sign-in' || to.name === 'set-password') && session.session) return { name: 'home' };
  const next = routeForInterface(to, usePreferencesStore().interfaceKind) ?? true;
  // The main screen's overview is asked for now, beside the fetch of the screen's code, not after it.
  if (next === true && to.name === 'home' && session.session) void useAccountStore().load();
  return next;
});

router.afterEach((to) => {
  if (to.name === 'sign-in') prefetchMainScreen();
});
