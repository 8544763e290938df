import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DetailKind, UsageDetail } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import type { z } from 'zod';
import { cabinet } from '../api';

export type ExportFormat = 'pdf' | 'csv';
export type ExportResult = { outcome: 'saved'; fileName: string } | { outcome: 'cancelled' } | { outcome: 'failed'; error: CabinetError };

/** «Детализация»: the detail of a range of days, and the export of it being written on the main side. */
export const useDetailStore = defineStore('detail', () => {
  const detail = ref<UsageDetail | null>(null);
  /** The kind of rows `detail` holds: an export writes what is shown. */
  const shownKind = ref<z.infer<typeof DetailKind>>('all');
  const loading = ref(false);
  /** The export being written (its format), or null. */
  const exporting = ref<ExportFormat | null>(null);
  /** 0–1 while an export is written; told by the main side's `export.progress` events. */
  const exportProgress = ref(0);

  async function load(from: string, to: string, kind: z.infer<typeof DetailKind>): Promise<CabinetError | null> {
    loading.value = true;
    try {
      const result = await cabinet.account.detail({ from, to, kind });
      if (!result.ok) return result.error;
      detail.value = result.value;
      shownKind.value = kind;
      return null;
    } finally {
      loading.value = false;
    }
  }

  /** Asks the main side to write the range to a file the subscriber picks; resolves when it is written or stopped. */
  async function exportDetail(from: string, to: string, kind: z.infer<typeof DetailKind>, format: ExportFormat): Promise<ExportResult> {
    exporting.value = format;
    exportProgress.value = 0;
    const stop = cabinet.on('export.progress', ({ share }) => (exportProgress.value = share));
    try {
      const result = await cabinet.account.exportDetail({ from, to, kind, format });
      if (!result.ok) return { outcome: 'failed', error: result.error };
      return result.value.outcome === 'saved' ? { outcome: 'saved', fileName: result.value.fileName } : { outcome: 'cancelled' };
    } finally {
      stop();
      exporting.value = null;
    }
  }

  async function cancelExport(): Promise<void> {
    await cabinet.account.cancelExport({});
  }

  function $reset(): void {
    detail.value = null;
    loading.value = false;
    exporting.value = null;
    exportProgress.value = 0;
  }

  return { detail, shownKind, loading, exporting, exportProgress, load, exportDetail, cancelExport, $reset };
});
