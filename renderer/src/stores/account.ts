import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccountOverview } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import { cabinet } from '../api';
import { setRegionZone } from '../format/zone';

/** The signed-in line's tariff, balance and remainders. */
export const useAccountStore = defineStore('account', () => {
  const overview = ref<AccountOverview | null>(null);
  const loading = ref(false);
  const error = ref<CabinetError | null>(null);

  /** Loads the overview; a reload keeps showing the last one until the new one arrives. */
  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const result = await cabinet.account.overview({});
      if (result.ok) {
        overview.value = result.value;
        // Every time the app shows is in the line's region's zone from now on (format/zone.ts).
        setRegionZone(result.value.region.timeZone);
      }
      else error.value = result.error;
    } finally {
      loading.value = false;
    }
  }

  function $reset(): void {
    overview.value = null;
    setRegionZone(null);
    loading.value = false;
    error.value = null;
  }

  return { overview, loading, error, load, $reset };
});
