import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Covered } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import type { Migration } from './migrations/index';
import type { LastJournal, Replayed, SnapshotPoint } from './storeImage';
import type { FromWorker, StoreWorkerSetup, ToWorker, WorkerFailure } from './storeWorkerProtocol';

/**
 * The built worker beside the main bundle (out/main/storeWorker.js); from source (tests, benches, the harness) the
 * TypeScript file, run through tsx's loader registered inside the worker (a worker's execArgv cannot).
 */
export function startStoreWorker(setup: StoreWorkerSetup, from: string = import.meta.url): Worker {
  const here = dirname(fileURLToPath(from));
  for (const built of [join(here, 'storeWorker.js'), join(here, '..', 'storeWorker.js')]) {
    if (existsSync(built)) return new Worker(built, { workerData: setup });
  }
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const source = pathToFileURL(join(here, 'storeWorker.ts')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: setup });
}

export interface OpenedImage {
  image: Uint8Array;
  snapshot: SnapshotPoint;
  sealed: boolean;
  replayed: Replayed;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A worker's error as the main side throws it: a StoreFileError keeps its reason and file, a system error its code. */
function rebuilt(error: WorkerFailure): Error {
  if (error.reason) return new StoreFileError(error.reason, error.message, error.file);
  return Object.assign(new Error(error.message), error.code ? { code: error.code } : {});
}

/**
 * The main side of the store worker: requests with an answer (open, checkpoint) are matched by id; records and
 * migrations are posted and never waited for. Once the worker stops or its copy falls out of step, `failure` says
 * why and every request is refused: the store then checkpoints on its own thread.
 */
export class StoreWorkerClient {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (message: FromWorker) => void; reject: (error: Error) => void }>();
  private stopped: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'diverged') return this.stop(new Error(`the store worker's copy is out of step: ${message.error.message}`));
      const request = this.waiting.get(message.id);
      if (!request) return;
      this.waiting.delete(message.id);
      if (message.type === 'failed') request.reject(rebuilt(message.error));
      else request.resolve(message);
    });
    worker.on('error', (error) => this.stop(new Error(`the store worker failed: ${error.message}`)));
    worker.on('exit', (code) => this.stop(new Error(`the store worker stopped (exit code ${code})`)));
  }

  static start(setup: StoreWorkerSetup): StoreWorkerClient {
    return new StoreWorkerClient(startStoreWorker(setup));
  }

  /** Why the worker can no longer write checkpoints (null while it can). */
  get failure(): Error | null {
    return this.stopped;
  }

  async open(key: Buffer): Promise<OpenedImage> {
    const answer = await this.request({ type: 'open', id: 0, key: new Uint8Array(key) });
    if (answer.type !== 'opened') throw new Error(`the store worker answered ${answer.type} to open`);
    const { image, snapshot, sealed, last, chain, head } = answer.store;
    const covered = { records: snapshot.covered.records, tag: asBuffer(snapshot.covered.tag) };
    const lastJournal: LastJournal | null = last && { ...last, startTag: asBuffer(last.startTag), tags: last.tags.map(asBuffer) };
    return {
      image,
      snapshot: { ...snapshot, covered },
      sealed,
      replayed: {
        last: lastJournal,
        chain: new Map(chain.map(([generation, journal]) => [generation, { startTag: asBuffer(journal.startTag), tags: journal.tags.map(asBuffer) }])),
        head: asBuffer(head),
      },
    };
  }

  /** A committed record, in commit order. */
  apply(payload: Uint8Array): void {
    // A copy of its own bytes: a small Buffer is a view into a shared pool, which would be cloned whole.
    if (!this.stopped) this.worker.postMessage({ type: 'apply', payload: new Uint8Array(payload) } satisfies ToWorker);
  }

  migrate(migrations: Migration[]): void {
    if (!this.stopped) this.worker.postMessage({ type: 'migrate', migrations } satisfies ToWorker);
  }

  /**
   * Asks for the snapshot of `generation`. Posted at once (the copy then holds exactly the records posted before),
   * answered when the snapshot is on the disk.
   */
  checkpoint(generation: number, covered: Covered, keepBackups: number): Promise<void> {
    return this.request({ type: 'checkpoint', id: 0, generation, covered: { records: covered.records, tag: new Uint8Array(covered.tag) }, keepBackups }).then(() => undefined);
  }

  async close(): Promise<void> {
    this.stop(new Error('the store worker was closed'));
    await this.worker.terminate();
  }

  private request(message: ToWorker & { id: number }): Promise<FromWorker> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    const answer = new Promise<FromWorker>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    this.worker.postMessage({ ...message, id });
    return answer;
  }

  private stop(reason: Error): void {
    this.stopped ??= reason;
    for (const request of this.waiting.values()) request.reject(this.stopped);
    this.waiting.clear();
  }
}
