import { createRouter, createWebHashHistory, type RouteLocationRaw } from 'vue-router';
import { useSessionStore } from './stores/session';
import { useVaultStore } from './stores/vault';
import { useKioskStore } from './stores/kiosk';
import { usePreferencesStore } from './stores/preferences';
import { classicRoutes, routeForInterface } from './classicRoutes';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in window may see this route. */
    requiresSession?: boolean;
  }
}

export const router = createRouter({
  // Hash history: the app is served from app://cabinet/ in Electron and from a local port in the harness.
  history: createWebHashHistory(),
  routes: [
    { path: '/unlock', name: 'unlock', component: () => import('./views/UnlockView.vue') },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue') },
    { path: '/staff', name: 'kiosk-staff', component: () => import('./views/KioskStaffView.vue') },
    { path: '/diagnostics', name: 'diagnostics', component: () => import('./views/DiagnosticsView.vue') },
    { path: '/set-password', name: 'set-password', component: () => import('./views/SetPasswordView.vue'), meta: { requiresSession: true } },
    {
      path: '/',
      component: () => import('./components/AppLayout.vue'),
      meta: { requiresSession: true },
      children: [
        { path: '', name: 'home', component: () => import('./views/HomeView.vue') },
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

  const session = useSessionStore();
  if (!session.restored) await session.restore();
  if (to.matched.some((record) => record.meta.requiresSession) && !session.session) return { name: 'sign-in' };
  // A registration, recovery or PUK sign-in sets its password before anything else.
  if (session.session?.mustSetPassword) return to.name === 'set-password' ? true : { name: 'set-password' };
  if ((to.name === 'sign-in' || to.name === 'set-password') && session.session) return { name: 'home' };
  return routeForInterface(to, usePreferencesStore().interfaceKind) ?? true;
});
