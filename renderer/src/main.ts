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
import { followInterfaceChoice } from './classicRoutes';
import './styles/main.css';
import './styles/classic.css';

const app = createApp(App).use(createPinia()).use(i18n).use(router);

const preferences = usePreferencesStore();
cabinet.on('preferences.changed', (next) => preferences.apply(next));
cabinet.on('session.ended', ({ reason }) => {
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
cabinet.on('social.resolved', ({ provider, outcome }) => void useSessionStore().socialResolved(provider, outcome));

await preferences.load();
followInterfaceChoice(router);
app.mount('#app');
