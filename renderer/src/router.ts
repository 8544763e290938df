import { createRouter, createWebHashHistory, type RouteLocationRaw } from 'vue-router';
import { useSessionStore } from './stores/session';
import { useVaultStore } from './stores/vault';

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
    {
      path: '/',
      component: () => import('./components/AppLayout.vue'),
      meta: { requiresSession: true },
      children: [{ path: '', name: 'home', component: () => import('./views/HomeView.vue') }],
    },
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

  const session = useSessionStore();
  if (!session.restored) await session.restore();
  if (to.matched.some((record) => record.meta.requiresSession) && !session.session) return { name: 'sign-in' };
  if (to.name === 'sign-in' && session.session) return { name: 'home' };
  return true;
});
