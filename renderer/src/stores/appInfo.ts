import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AppInfo } from '../../../shared/contract/settings';
import { cabinet } from '../api';

/** What this computer runs: demo mode, and which of the operator's services are set up. Per computer, read once. */
export const useAppInfoStore = defineStore('appInfo', () => {
  const info = ref<AppInfo | null>(null);
  const demo = computed(() => info.value?.demo === true);
  // Until the main side answers, nothing is taken as set up: no form offers what may be refused.
  const sms = computed(() => info.value?.services.sms === true);
  const cardPayments = computed(() => info.value?.services.cardPayments === true);
  const wallets = computed(() => info.value?.services.wallets === true);
  const mail = computed(() => info.value?.services.mail === true);
  const demoRefused = computed(() => info.value?.demoRefused ?? null);

  async function load(): Promise<void> {
    const result = await cabinet.settings.appInfo({});
    if (result.ok) info.value = result.value;
  }

  return { info, demo, sms, cardPayments, wallets, mail, demoRefused, load };
});
