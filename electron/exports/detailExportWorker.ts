// The worker thread that writes a detail export (PDF or CSV): started by DetailExports for one job (its workerData),
// it reports progress, stops when told to cancel, and answers how it ended. Built as its own entry (out/main).
import { parentPort, workerData } from 'node:worker_threads';
import { ExportCancelled, writeExport, type ExportJob } from './detailDocuments';

export type WorkerReport =
  | { type: 'progress'; share: number }
  | { type: 'done'; pages: number; rows: number }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };

if (parentPort) {
  const port = parentPort;
  let cancelled = false;
  port.on('message', (message: unknown) => {
    if ((message as { type?: unknown })?.type === 'cancel') cancelled = true;
  });
  const report = (message: WorkerReport) => port.postMessage(message);
  writeExport(workerData as ExportJob, { progress: (share) => report({ type: 'progress', share }), cancelled: () => cancelled })
    .then((done) => report({ type: 'done', ...done }))
    .catch((error: unknown) => report(error instanceof ExportCancelled ? { type: 'cancelled' } : { type: 'failed', message: error instanceof Error ? error.message : String(error) }))
    .finally(() => port.close());
}
