import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Covered } from './files/snapshotFile';
import { StoreFileError } from './files/storeFileError';
import type { Migration } from './migrations/index';
import type { LastJournal, Replayed, SnapshotPoint } from './storeImage';
import type { FromWorker, SealedFrom, StoreWorkerSetup, ToWorker, WorkerFailure } from './storeWorkerProtocol';

/**
 * The worker's young generation is kept small: what it allocates lives briefly (records decoded and applied, pieces of
 * a snapshot), and V8's default let it grow to tens of megabytes resident beside the database copy (bench:store's
 * rss_mb_100mb fell by 10–15 MB with this limit). Its old generation is not limited: the database lives outside it.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/**
 * The built worker beside the main bundle (out/main/storeWorker.js); from source (tests, benches, the harness) the
 * TypeScript file bundled once per process with esbuild (tsx's own) into one script, evaluated by each worker:
 * a store opens often in tests, and a worker that registered tsx's loader would compile its modules every time.
 */
export function startStoreWorker(setup: StoreWorkerSetup, from: string = import.meta.url): Worker {
  const here = dirname(fileURLToPath(from));
  const options = { workerData: setup, resourceLimits: WORKER_LIMITS };
  for (const built of [join(here, 'storeWorker.js'), join(here, '..', 'storeWorker.js')]) {
    if (existsSync(built)) return new Worker(built, options);
  }
  return new Worker(workerFromSource(join(here, 'storeWorker.ts')), { ...options, eval: true });
}

interface EsbuildSync {
  buildSync(options: Record<string, unknown>): { outputFiles: Array<{ text: string }>; metafile: { inputs: Record<string, unknown> } };
}
const bundledFromSource = new Map<string, string>();

/**
 * The worker's source as one CommonJS script: bundled in memory once per process, and kept in node_modules/.cache
 * with the size and time of every file it was made from, so that the next process (a test's child, a bench run)
 * reuses it until one of them changes.
 */
function workerFromSource(entry: string): string {
  let code = bundledFromSource.get(entry);
  if (code !== undefined) return code;
  const tsxPackage = createRequire(import.meta.url).resolve('tsx/package.json');
  const cache = join(dirname(tsxPackage), '..', '.cache', 'cabinet-store-worker');
  const codeFile = join(cache, 'storeWorker.cjs');
  const inputsFile = join(cache, 'storeWorker.inputs.json');
  const stamp = (file: string): string | null => {
    try {
      const { size, mtimeMs } = statSync(file);
      return `${size}:${mtimeMs}`;
    } catch {
      return null;
    }
  };
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, 'utf8')) as Record<string, string>;
    if (inputs[entry] !== undefined && Object.entries(inputs).every(([file, seen]) => stamp(file) === seen)) code = readFileSync(codeFile, 'utf8');
  } catch {
    code = undefined;
  }
  if (code === undefined) {
    const root = parse(entry).root;
    const esbuild = createRequire(tsxPackage)('esbuild') as EsbuildSync;
    const built = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, metafile: true, absWorkingDir: root, logLevel: 'silent' });
    code = built.outputFiles[0]!.text;
    const inputs = Object.fromEntries(Object.keys(built.metafile.inputs).map((file) => [join(root, file), stamp(join(root, file)) ?? '']));
    try {
      mkdirSync(cache, { recursive: true });
      for (const [file, text] of [[codeFile, code], [inputsFile, JSON.stringify(inputs)]] as const) {
        const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        writeFileSync(temp, text);
        renameSync(temp, file);
      }
    } catch {
      // A cache that cannot be written costs the next process a bundling, nothing more.
    }
  }
  bundledFromSource.set(entry, code);
  return code;
}

export interface OpenedImage {
  snapshot: SnapshotPoint;
  sealed: boolean;
  replayed: Replayed;
}

/** Where an open's parts go as the worker reads them (see StoreWorkerClient.open). */
export interface OpenSink {
  image(image: Uint8Array | null): void;
  records(generation: number, path: string, payloads: Uint8Array[], first: number): void;
}

/** Idle workers of this process, and how many are kept. */
const idleWorkers: Worker[] = [];
const MAX_IDLE = 2;

/** A worker that may wait idle: one that stops (or fails) while idle leaves the pool, its failure reported by no one. */
function pooled(worker: Worker): Worker {
  worker.on('error', () => undefined);
  worker.on('exit', () => {
    const at = idleWorkers.indexOf(worker);
    if (at >= 0) idleWorkers.splice(at, 1);
  });
  return worker;
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
  /** Where an open's image and records go as they come, by request id. */
  private readonly sinks = new Map<number, OpenSink>();
  private stopped: Error | null = null;

  private readonly onMessage = (message: FromWorker): void => {
    if (message.type === 'diverged') return this.stop(new Error(`the store worker's copy is out of step: ${message.error.message}`));
    const request = this.waiting.get(message.id);
    if (!request) return;
    if (message.type === 'image' || message.type === 'records') {
      const sink = this.sinks.get(message.id);
      try {
        if (message.type === 'image') sink?.image(message.image);
        else sink?.records(message.generation, message.path, message.payloads, message.first);
      } catch (error) {
        // The open fails with the sink's error; the worker's later messages for it find no one waiting.
        this.waiting.delete(message.id);
        this.sinks.delete(message.id);
        request.reject(error as Error);
      }
      return;
    }
    this.waiting.delete(message.id);
    if (message.type === 'failed') request.reject(rebuilt(message.error));
    else request.resolve(message);
  };
  private readonly onError = (error: Error): void => this.stop(new Error(`the store worker failed: ${error.message}`));
  private readonly onExit = (code: number): void => this.stop(new Error(`the store worker stopped (exit code ${code})`));

  constructor(
    private readonly worker: Worker,
    private readonly folder: string,
    /** Where a worker that is still well goes after close, for the next store to open (null: terminated). */
    private readonly idle: Worker[] | null = null,
  ) {
    worker.ref();
    worker.on('message', this.onMessage);
    worker.on('error', this.onError);
    worker.on('exit', this.onExit);
  }

  /**
   * A worker for the store in `folder`: an idle one of this process if there is one (a worker's start and sql.js's
   * compilation cost more than opening a small store), else a new one.
   */
  static start(folder: string, wasmPath: string): StoreWorkerClient {
    return new StoreWorkerClient(idleWorkers.pop() ?? pooled(startStoreWorker({ wasmPath })), folder, idleWorkers);
  }

  /** Why the worker can no longer write checkpoints (null while it can). */
  get failure(): Error | null {
    return this.stopped;
  }

  /**
   * Loads the store: `sink` is given the snapshot's image as soon as the worker has decrypted it, then the journals'
   * records a batch at a time as the worker reads them (the caller replays them meanwhile); the answer says where the
   * journals end. A sink that throws fails the open with its error.
   */
  async open(key: Buffer, sink: OpenSink): Promise<OpenedImage> {
    const id = this.nextId;
    this.sinks.set(id, sink);
    let answer: FromWorker;
    try {
      answer = await this.request({ type: 'open', id: 0, folder: this.folder, key: new Uint8Array(key) });
    } finally {
      this.sinks.delete(id);
    }
    if (answer.type !== 'opened') throw new Error(`the store worker answered ${answer.type} to open`);
    const { snapshot, sealed, last, chain, head } = answer.store;
    const covered = { records: snapshot.covered.records, tag: asBuffer(snapshot.covered.tag) };
    const lastJournal: LastJournal | null = last && { ...last, startTag: asBuffer(last.startTag), tags: last.tags.map(asBuffer) };
    return {
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
  async checkpoint(generation: number, covered: Covered, keepBackups: number): Promise<SealedFrom> {
    const answer = await this.request({ type: 'checkpoint', id: 0, generation, covered: { records: covered.records, tag: new Uint8Array(covered.tag) }, keepBackups });
    if (answer.type !== 'checkpointed') throw new Error(`the store worker answered ${answer.type} to checkpoint`);
    return answer.sealedFrom;
  }

  /** Ends this store's use of the worker: a well one is reset (copy and key dropped) and kept idle, any other stopped. */
  async close(): Promise<void> {
    const well = this.stopped === null && this.waiting.size === 0;
    this.stop(new Error('the store worker was closed'));
    this.worker.off('message', this.onMessage);
    this.worker.off('error', this.onError);
    this.worker.off('exit', this.onExit);
    if (well && this.idle && this.idle.length < MAX_IDLE) {
      this.worker.postMessage({ type: 'reset' } satisfies ToWorker);
      this.worker.unref();
      this.idle.push(this.worker);
      return;
    }
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
