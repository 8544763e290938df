import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError } from '../../../shared/contract/errors';
import type { StartWithSystem } from '../../../shared/contract/settings';
import { cabinet } from '../api';

/** «Запускать вместе с системой»: the OS login item of this computer (not available on a kiosk). */
export const useStartWithSystemStore = defineStore('startWithSystem', () => {
  const state = ref<StartWithSystem | null>(null);
  const load = async () => {
    const result = await cabinet.settings.startWithSystem({});
    if (result.ok) state.value = result.value;
  };
  const set = async (on: boolean): Promise<CabinetError | null> => {
    const result = await cabinet.settings.setStartWithSystem({ on });
    if (!result.ok) return result.error;
    state.value = result.value;
    return null;
  };
  function $reset(): void {
    state.value = null;
  }
  return { state, load, set, $reset };
});
