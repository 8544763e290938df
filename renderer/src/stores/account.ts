import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { AccountOverview } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import { cabinet } from '../api';
import { setRegionZone } from '../format/regionZone';

/** The signed-in line's tariff, balance and remainders. */
export const useAccountStore = defineStore('account', () => {
  const overview = ref<AccountOverview | null>(null);
  const loading = ref(false);
  const error = ref<CabinetError | null>(null);

  /** When the last overview arrived (ms): the main screen does not ask again for one it was just given. */
  const loadedAt = ref(0);
  let inFlight: Promise<void> | null = null;

  /** Loads the overview; a reload keeps showing the last one until the new one arrives. One call at a time. */
  function load(): Promise<void> {
    inFlight ??= fetchOverview().finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  async function fetchOverview(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const result = await cabinet.account.overview({});
      if (result.ok) {
        overview.value = result.value;
        loadedAt.value = Date.now();
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
    loadedAt.value = 0;
    setRegionZone(null);
    loading.value = false;
    error.value = null;
  }

  return { overview, loading, error, loadedAt, load, $reset };
});
