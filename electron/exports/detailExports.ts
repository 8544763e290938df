import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DetailKind, UsageDetailService } from '../core/account/usageDetail';
import { DomainError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { UnitOfWork } from '../core/unitOfWork';
import type { Language } from '../../shared/contract/settings';
import type { ExportFormat, ExportJob } from './detailDocuments';
import type { WorkerReport } from './detailExportWorker';
import type { SaveTarget } from './saveTarget';

// Not named `require`: the main bundle's ESM shim declares that name at its top.
const resolveFromHere = createRequire(import.meta.url);
const FONT_FILES = { regular: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf' } as const;

/**
 * Roboto's TrueType files: the copies the build puts beside the main bundle (out/main/fonts, packaged with it), else —
 * running from source, in tests — pdfmake's, which the build copies from. Resolved here, in the main bundle itself
 * (not in a chunk it shares with the worker, which lives in out/main/chunks).
 */
export function exportFonts(from: string = import.meta.url): ExportJob['fonts'] {
  const find = (file: string) => {
    const beside = fileURLToPath(new URL(`fonts/${file}`, from));
    return existsSync(beside) ? beside : resolveFromHere.resolve(`pdfmake/build/fonts/Roboto/${file}`);
  };
  return { regular: find(FONT_FILES.regular), bold: find(FONT_FILES.bold) };
}

export interface ExportRequest {
  lineId: string;
  msisdn: string;
  from: string;
  to: string;
  kind: DetailKind;
  format: ExportFormat;
  language: Language;
}

export type ExportOutcome = { outcome: 'saved'; fileName: string; rows: number } | { outcome: 'cancelled' };

/**
 * The built worker beside the main bundle (out/main/detailExportWorker.js); from source (tests, the harness) the
 * TypeScript file, run through tsx's loader (registered inside the worker: a worker's execArgv cannot).
 */
export function startExportWorker(job: ExportJob, from: string = import.meta.url): Worker {
  const here = dirname(fileURLToPath(from));
  const built = join(here, 'detailExportWorker.js');
  if (existsSync(built)) return new Worker(built, { workerData: job });
  // tsx's ESM entry (the package's "import" condition), found from its package.json.
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const source = pathToFileURL(join(here, 'detailExportWorker.ts')).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

interface Running {
  worker: Worker | null;
  cancelled: boolean;
}

/**
 * Detail exports, one at a time per window: the file is chosen through the SaveTarget port, written by a worker
 * thread (neither the window nor the main process's event loop waits for it), its progress told to the window.
 */
export class DetailExports {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly deps: {
      uow: UnitOfWork;
      usageDetail: UsageDetailService;
      saveTarget: SaveTarget;
      progress: (windowId: string, share: number) => void;
      logger: Logger;
      startWorker?: (job: ExportJob) => Worker;
      fonts?: ExportJob['fonts'];
    },
  ) {}

  async export(windowId: string, request: ExportRequest): Promise<ExportOutcome> {
    if (this.running.has(windowId)) throw new DomainError('NOT_ELIGIBLE', 'an export of this window is still being written', { reason: 'export-running' });
    const running: Running = { worker: null, cancelled: false };
    this.running.set(windowId, running);
    try {
      // The range is checked (and its rows read) before anyone is asked where to save.
      const detail = await this.deps.usageDetail.whole(request.lineId, request.from, request.to, request.kind);
      const line = await this.deps.uow.read((repos) => repos.account.line(request.lineId));
      if (!line) throw new DomainError('NOT_FOUND', `line ${request.lineId} does not exist`);
      const file = await this.deps.saveTarget.choose(windowId, `detail-${detail.from}-${detail.to}.${request.format}`, request.format);
      if (!file || running.cancelled) return { outcome: 'cancelled' };
      const job: ExportJob = {
        format: request.format,
        file,
        language: request.language,
        msisdn: request.msisdn,
        timeZone: line.region.timeZone,
        detail,
        fonts: this.deps.fonts ?? exportFonts(),
      };
      this.deps.progress(windowId, 0);
      const worker = (this.deps.startWorker ?? startExportWorker)(job);
      running.worker = worker;
      const report = await this.watch(windowId, worker);
      if (report.type === 'done') return { outcome: 'saved', fileName: basename(file), rows: report.rows };
      if (report.type === 'cancelled') return { outcome: 'cancelled' };
      await removeLeftovers(file, await readdir(dirname(file)).catch(() => []));
      this.deps.logger.error('a detail export failed', { format: request.format, error: report.message });
      throw new Error('the export could not be written');
    } finally {
      this.running.delete(windowId);
    }
  }

  /** Stops this window's export; the worker removes what it wrote. */
  cancel(windowId: string): boolean {
    const running = this.running.get(windowId);
    if (!running) return false;
    running.cancelled = true;
    running.worker?.postMessage({ type: 'cancel' });
    return true;
  }

  /** The window is gone: its export stops. */
  windowGone(windowId: string): void {
    this.cancel(windowId);
  }

  private watch(windowId: string, worker: Worker): Promise<Exclude<WorkerReport, { type: 'progress' }>> {
    return new Promise((resolve) => {
      let ended: Exclude<WorkerReport, { type: 'progress' }> | null = null;
      worker.on('message', (message: WorkerReport) => {
        if (message.type === 'progress') this.deps.progress(windowId, message.share);
        else ended = message;
      });
      worker.on('error', (error) => (ended ??= { type: 'failed', message: error.message }));
      worker.on('exit', () => resolve(ended ?? { type: 'failed', message: 'the export worker stopped without an answer' }));
    });
  }
}

/** A partial file a crashed worker may have left (it writes `.<name>.<random>.part` beside the target). */
export async function removeLeftovers(file: string, names: string[]): Promise<void> {
  await Promise.all(names.filter((name) => name.startsWith(`.${basename(file)}.`) && name.endsWith('.part')).map((name) => rm(join(dirname(file), name), { force: true })));
}
