import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { TariffAdvice, TariffCard, TariffChangePreview } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import { cabinet } from '../api';
import { useAccountStore } from './account';

/** The region's tariff catalog and a tariff change in progress (preview, then confirm). */
export const useTariffsStore = defineStore('tariffs', () => {
  const current = ref<TariffCard | null>(null);
  const offered = ref<TariffCard[]>([]);
  const loading = ref(false);
  const error = ref<CabinetError | null>(null);
  const preview = ref<TariffChangePreview | null>(null);
  /** Made once per preview: a double click or a retry sends the same key, so the switch happens once. */
  const changeKey = ref<string | null>(null);
  const changing = ref(false);
  const advice = ref<TariffAdvice | null>(null);

  async function loadAdvice(): Promise<void> {
    const result = await cabinet.tariffs.advice({});
    advice.value = result.ok ? result.value : null;
  }

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const result = await cabinet.tariffs.catalog({});
      if (result.ok) {
        current.value = result.value.current;
        offered.value = result.value.offered;
      } else error.value = result.error;
    } finally {
      loading.value = false;
    }
  }

  async function previewChange(tariffId: string): Promise<CabinetError | null> {
    const result = await cabinet.tariffs.previewChange({ tariffId });
    if (!result.ok) return result.error;
    preview.value = result.value;
    changeKey.value = crypto.randomUUID();
    return null;
  }

  async function confirmChange(): Promise<CabinetError | null> {
    if (!preview.value || !changeKey.value) return null;
    changing.value = true;
    try {
      const result = await cabinet.tariffs.change({ tariffId: preview.value.tariff.id, idempotencyKey: changeKey.value });
      if (!result.ok) return result.error;
      useAccountStore().overview = result.value;
      await Promise.all([load(), loadAdvice()]);
      return null;
    } finally {
      changing.value = false;
    }
  }

  function closePreview(): void {
    preview.value = null;
    changeKey.value = null;
  }

  function $reset(): void {
    current.value = null;
    offered.value = [];
    advice.value = null;
    error.value = null;
    closePreview();
  }

  return { current, offered, loading, error, preview, changing, advice, load, loadAdvice, previewChange, confirmChange, closePreview, $reset };
});
