// First: its own chunk, run before the app's other modules (see the file).
import { firstAsks } from './prefetchSignIn';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './App.vue';
import { cabinet } from './api';
import { i18n } from './i18n';
import { router } from './router';
import { usePreferencesStore } from './stores/preferences';
import { resetSubscriberStores } from './stores/resetSubscriberStores';
import { useSessionStore } from './stores/session';
import { usePaymentsStore } from './stores/payments';
import { useAccountStore } from './stores/account';
import { useProfileStore } from './stores/profile';
import { useUpdatesStore } from './stores/updates';
import './styles/main.css';
import './styles/kiosk.css';
import { trackEveryStore } from './stores/everyStore';
import { useKioskStore } from './stores/kiosk';
import { useAppInfoStore } from './stores/appInfo';
import { endKioskVisit } from './kiosk/endVisit';
import { followInterfaceChoice } from './classicRoutes';
import './styles/classic.css';

const pinia = createPinia();
pinia.use(trackEveryStore);
const app = createApp(App).use(pinia).use(i18n).use(router);

const preferences = usePreferencesStore();
cabinet.on('preferences.changed', (next) => preferences.apply(next));
cabinet.on('session.ended', ({ reason }) => {
  // On a kiosk any end of a session is the end of the visit: everything of the subscriber goes.
  if (useKioskStore().enabled) return void endKioskVisit();
  resetSubscriberStores();
  useSessionStore().endedBecause = reason === 'signed-out' ? null : reason;
  void router.replace({ name: 'sign-in' });
});
cabinet.on('confirmation.resolved', ({ outcome }) => void useSessionStore().confirmationResolved(outcome));
// Usage was rated or money moved: the main screen follows at once, no polling.
cabinet.on('account.changed', () => {
  const account = useAccountStore();
  if (account.overview) void account.load();
  void usePaymentsStore().refresh();
});
cabinet.on('social.resolved', ({ provider, outcome }) => {
  // A flow started from the profile links an account; any other signs the window in.
  const profile = useProfileStore();
  if (profile.linking()) void profile.linkResolved(provider, outcome);
  else if (outcome !== 'linked' && outcome !== 'already-linked') void useSessionStore().socialResolved(provider, outcome);
});
cabinet.on('alert.raised', (alert) => useProfileStore().alertRaised(alert));
// The tray's quick actions open a screen (the classic view lands on its own page for the same task).
cabinet.on('app.navigate', ({ screen }) => {
  void router.push(screen === 'home' ? { name: 'home' } : { name: 'payments', query: screen === 'promised' ? { tab: 'promised' } : {} });
});
// A new version downloading in the background, ready, or not fetched: a small banner, never a blocking dialog.
cabinet.on('update.status', (status) => useUpdatesStore().announce(status));

// The first screen waits for its language and theme and for whether this computer is a kiosk (a kiosk starts on its
// own screen), not for what this computer has set up (demo mode, SMS): the sign-in form is usable without it, and
// what depends on it (the demo badge, the ways that need an SMS) follows when it comes.
void useAppInfoStore().load();
await Promise.all([preferences.load(firstAsks.preferences), useKioskStore().load(firstAsks.kiosk)]);
followInterfaceChoice(router);
app.mount('#app');
