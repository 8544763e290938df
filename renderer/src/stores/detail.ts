import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { DetailKind, DetailRow, DetailSummary } from '../../../shared/contract/account';
import type { CabinetError } from '../../../shared/contract/errors';
import type { z } from 'zod';
import { cabinet } from '../api';

export type ExportFormat = 'pdf' | 'csv';
export type ExportResult = { outcome: 'saved'; fileName: string } | { outcome: 'cancelled' } | { outcome: 'failed'; error: CabinetError };

/** Rows asked for at a time: the contract's largest page. */
const PAGE = 500;

/**
 * «Детализация»: the summary of a range of days, its rows as far as they have been read (a page at a time, as the
 * table scrolls toward them), and the export being written on the main side.
 */
export const useDetailStore = defineStore('detail', () => {
  const detail = ref<DetailSummary | null>(null);
  /** The rows read so far, oldest first; `detail.rowCount` says how many there are in all. */
  const rows = ref<DetailRow[]>([]);
  const cursor = ref<string | null>(null);
  const loadingRows = ref(false);
  /** Which load the rows belong to: a page that answers after a newer range was asked for is dropped. */
  let generation = 0;
  let range: { from: string; to: string; kind: z.infer<typeof DetailKind> } | null = null;
  /** The kind of rows `detail` holds: an export writes what is shown. */
  const shownKind = ref<z.infer<typeof DetailKind>>('all');
  const loading = ref(false);
  /** The export being written (its format), or null. */
  const exporting = ref<ExportFormat | null>(null);
  /** 0–1 while an export is written; told by the main side's `export.progress` events. */
  const exportProgress = ref(0);

  async function load(from: string, to: string, kind: z.infer<typeof DetailKind>): Promise<CabinetError | null> {
    loading.value = true;
    const mine = ++generation;
    loadingRows.value = false;
    try {
      const [summary, first] = await Promise.all([
        cabinet.account.detailSummary({ from, to, kind }),
        cabinet.account.detailPage({ from, to, kind, limit: PAGE }),
      ]);
      if (mine !== generation) return null;
      if (!summary.ok) return summary.error;
      if (!first.ok) return first.error;
      detail.value = summary.value;
      rows.value = first.value.rows;
      cursor.value = first.value.nextCursor;
      range = { from, to, kind };
      shownKind.value = kind;
      return null;
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  /** Reads the next page of rows, if there is one and none is being read; a failure leaves what was read. */
  async function loadMore(): Promise<CabinetError | null> {
    if (!range || cursor.value === null || loadingRows.value) return null;
    const mine = generation;
    loadingRows.value = true;
    try {
      const next = await cabinet.account.detailPage({ ...range, cursor: cursor.value, limit: PAGE });
      if (mine !== generation) return null;
      if (!next.ok) return next.error;
      rows.value = [...rows.value, ...next.value.rows];
      cursor.value = next.value.nextCursor;
      return null;
    } finally {
      if (mine === generation) loadingRows.value = false;
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
    generation += 1;
    detail.value = null;
    rows.value = [];
    cursor.value = null;
    range = null;
    loading.value = false;
    loadingRows.value = false;
    exporting.value = null;
    exportProgress.value = 0;
  }

  return { detail, rows, cursor, loadingRows, shownKind, loading, exporting, exportProgress, load, loadMore, exportDetail, cancelExport, $reset };
});
