import { watch } from 'vue';
import type { RouteLocationNormalized, RouteLocationRaw, Router, RouteRecordRaw } from 'vue-router';
import type { InterfaceKind } from '../../shared/contract/settings';
import { usePreferencesStore } from './stores/preferences';

/**
 * The classic view: a second set of pages over the same stores. Each classic page names its counterpart in the new
 * view, so that choosing the other interface keeps the person on the same task.
 */
export const classicRoutes: RouteRecordRaw = {
  path: '/classic',
  component: () => import('./components/classic/ClassicLayout.vue'),
  meta: { requiresSession: true },
  children: [
    { path: '', name: 'classic-home', component: () => import('./views/classic/ClassicHomeView.vue'), meta: { newView: { name: 'home' } } },
    { path: 'services', name: 'classic-services', component: () => import('./views/classic/ClassicServicesView.vue'), meta: { newView: { name: 'services' } } },
    { path: 'top-up', name: 'classic-top-up', component: () => import('./views/classic/ClassicTopUpView.vue'), meta: { newView: { name: 'payments' } } },
    {
      path: 'promised-payment',
      name: 'classic-promised',
      component: () => import('./views/classic/ClassicPromisedView.vue'),
      meta: { newView: { name: 'payments', query: { tab: 'promised' } } },
    },
    { path: 'sim', name: 'classic-sim', component: () => import('./views/classic/ClassicSimView.vue'), meta: { newView: { name: 'security' } } },
    { path: 'numbers', name: 'classic-numbers', component: () => import('./views/classic/ClassicNumbersView.vue'), meta: { newView: { name: 'numbers' } } },
    { path: 'remainders', name: 'classic-remainders', component: () => import('./views/classic/ClassicRemaindersView.vue'), meta: { newView: { name: 'remainders' } } },
    // Support is already one plain page of words (form, suggestions, threads): the classic layout and type are enough.
    { path: 'support', name: 'classic-support', component: () => import('./views/SupportView.vue'), meta: { newView: { name: 'support' } } },
    {
      path: 'subscriptions',
      name: 'classic-subscriptions',
      component: () => import('./views/classic/ClassicSubscriptionsView.vue'),
      meta: { newView: { name: 'subscriptions' } },
    },
  ],
};

declare module 'vue-router' {
  interface RouteMeta {
    /** On a classic page: the same task in the new view. */
    newView?: { name: string; query?: Record<string, string> };
  }
}

/** The new view's sections that have a classic page; the rest open the classic main page. */
function classicCounterpart(to: RouteLocationNormalized): RouteLocationRaw {
  if (to.name === 'payments') return { name: to.query.tab === 'promised' ? 'classic-promised' : 'classic-top-up' };
  const same = classicRoutes.children?.find((child) => child.meta?.newView?.name === to.name && !child.meta?.newView?.query);
  return { name: (same?.name as string | undefined) ?? 'classic-home' };
}

/** Where a signed-in window belongs when the chosen interface is not the one the route is in; null: it stays. */
export function routeForInterface(to: RouteLocationNormalized, chosen: InterfaceKind): RouteLocationRaw | null {
  const cabinetRoute = to.matched.some((record) => record.meta.requiresSession) && to.name !== 'set-password';
  if (!cabinetRoute) return null;
  const inClassic = to.matched.some((record) => record.path === classicRoutes.path);
  if (chosen === 'classic' && !inClassic) return classicCounterpart(to);
  if (chosen === 'new' && inClassic) return to.meta.newView ?? { name: 'home' };
  return null;
}

/** A choice made in this window or another one moves the open page to the chosen interface at once. */
export function followInterfaceChoice(router: Router): void {
  const preferences = usePreferencesStore();
  watch(
    () => preferences.interfaceKind,
    (chosen) => {
      const target = routeForInterface(router.currentRoute.value, chosen);
      if (target) void router.replace(target);
    },
  );
}
