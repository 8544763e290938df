import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { ServiceCard } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

/** The line's services: the region's catalog, what is connected, and connecting or disconnecting one. */
export const useServicesStore = defineStore('services', () => {
  const cards = ref<ServiceCard[]>([]);
  const loading = ref(false);
  const { pending: working, run, reset: resetWorking } = usePending();
  const error = ref<CabinetError | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const result = await cabinet.services.catalog({});
      if (result.ok) cards.value = result.value;
      else error.value = result.error;
    } finally {
      loading.value = false;
    }
  }

  /** The key is made by the caller when the person opens the confirmation, so a double click changes once. */
  async function change(action: 'connect' | 'disconnect', serviceId: string, idempotencyKey: string): Promise<CabinetError | null> {
    const result = await run(() => cabinet.services[action]({ serviceId, idempotencyKey }));
    if (!result.ok) return result.error;
    cards.value = result.value;
    return null;
  }

  function $reset(): void {
    cards.value = [];
    error.value = null;
    resetWorking();
  }

  return { cards, loading, working, error, load, change, $reset };
});
