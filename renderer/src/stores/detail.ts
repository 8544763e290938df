import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DetailKind, UsageDetail } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import type { z } from 'zod';
import { cabinet } from '../api';

/** «Детализация»: the detail of a range of days, and the progress of a PDF being made of it. */
export const useDetailStore = defineStore('detail', () => {
  const detail = ref<UsageDetail | null>(null);
  const loading = ref(false);
  /** 0–1 while a PDF is being made; null otherwise. */
  const pdfProgress = ref<number | null>(null);

  async function load(from: string, to: string, kind: z.infer<typeof DetailKind>): Promise<CabinetError | null> {
    loading.value = true;
    try {
      const result = await cabinet.account.detail({ from, to, kind });
      if (!result.ok) return result.error;
      detail.value = result.value;
      return null;
    } finally {
      loading.value = false;
    }
  }

  function $reset(): void {
    detail.value = null;
    loading.value = false;
    pdfProgress.value = null;
  }

  return { detail, loading, pdfProgress, load, $reset };
});
