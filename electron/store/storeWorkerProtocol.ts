import type { StoreFileProblem } from './files/storeFileError';
import type { Migration } from './migrations/index';
import type { JournalRecords, LastJournal, SnapshotPoint } from './storeImage';

/**
 * What the store and its worker thread (electron/store/storeWorker.ts) say to each other. The worker keeps its
 * own copy of the database, fed the journal records the store commits, in the order they were committed; a
 * checkpoint is exported, sealed and written from that copy, so a commit never waits for one.
 */
export interface StoreWorkerSetup {
  /** sql.js's WebAssembly file, as the main bundle finds it. */
  wasmPath: string;
}

export type ToWorker =
  /**
   * Load the store from its files: answered by `image` (the snapshot's, as soon as it is decrypted), `records` (the
   * journals' records, a batch at a time, as they are read), then `opened` (where the journals end); or `failed`.
   */
  | { type: 'open'; id: number; folder: string; key: Uint8Array }
  /** The store was closed: drop the copy and the key; the worker waits, idle, for the next store to open. */
  | { type: 'reset' }
  /** A committed (durable) journal record's payload: apply it to the copy. */
  | { type: 'apply'; payload: Uint8Array }
  /** Migrations the store applied (they are not journaled): apply them to the copy too. */
  | { type: 'migrate'; migrations: Migration[] }
  /** Write the snapshot of `generation` from the copy, which holds every record posted so far. */
  | { type: 'checkpoint'; id: number; generation: number; covered: { records: number; tag: Uint8Array }; keepBackups: number };

/** Buffers cross the thread boundary as Uint8Array. */
export interface OpenedStore {
  snapshot: SnapshotPoint;
  sealed: boolean;
  last: LastJournal | null;
  chain: Array<[number, { startTag: Uint8Array; tags: Uint8Array[] }]>;
  head: Uint8Array;
}

/**
 * What a checkpoint's snapshot was sealed from: the copy's file in place ('file', no extra memory; later records wait
 * in the worker meanwhile) or an export of it ('export', a third image while it is written; see imageInStorage).
 */
export type SealedFrom = 'file' | 'export';

export interface WorkerFailure {
  message: string;
  /** Set for a StoreFileError: rebuilt as one on the main side. */
  reason?: StoreFileProblem;
  file?: string;
  code?: string;
}

export type FromWorker =
  /** The snapshot's SQLite image, a copy of the worker's own (its buffer is transferred); null: no snapshot. */
  | { type: 'image'; id: number; image: Uint8Array | null }
  /** A batch of a journal's records to replay, in order; `first` is the first one's sequence number. */
  | ({ type: 'records'; id: number; first: number } & JournalRecords)
  | { type: 'opened'; id: number; store: OpenedStore }
  | { type: 'checkpointed'; id: number; sealedFrom: SealedFrom }
  | { type: 'failed'; id: number; error: WorkerFailure }
  /** The copy could not apply a record or a migration: it no longer matches the store and writes no snapshot. */
  | { type: 'diverged'; error: WorkerFailure };
