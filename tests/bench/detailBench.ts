// npm run bench:detail — a year of usage detail (50,000 events on one line): reading a page of it in the main
// process, and exporting all of it to PDF and CSV in the export worker (time, memory, how long the main process's
// event loop was held meanwhile). Figures only: no pass/fail. Uses the built worker (out/main) when there.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { existsSync } from 'node:fs';
import { percentile, timeEach } from './timing';
import { openCabinet } from '../../electron/cabinet';
import { UsageDetailService } from '../../electron/core/account/usageDetail';
import { billedUnits } from '../../electron/core/account/usageBilling';
import { silentLogger } from '../../electron/core/logger';
import { DetailExports, exportFonts, startExportWorker } from '../../electron/exports/detailExports';
import type { ExportJob } from '../../electron/exports/detailDocuments';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { E164 } from '../../shared/phone';

const EVENTS = 50_000;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  console.log(`detail benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-detail-'));
  try {
    const data = bundledOperatorData();
    const cabinet = await openCabinet({
      dataDir: join(folder, 'store'),
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)),
      settings: new MemorySettingsStore(),
      trustedOrigins: ['app://cabinet'],
      operatorData: data,
      passwordCost: { N: 1024, r: 8, p: 1 },
      sweepIntervalMs: 0,
      autopayIntervalMs: 0,
      storeTuning: { idleCheckpointMs: 0 },
    });
    const msisdn = data.demoSubscribers[0]!.lines[0]!.msisdn as E164;
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(msisdn)))!.lineId;
    const yearAgo = Date.now() - 364 * 86_400_000;
    const kinds = ['voice', 'sms', 'data'] as const;
    for (let start = 0; start < EVENTS; start += 5_000) {
      await cabinet.database.writeSql(async (sql) => {
        for (let n = start; n < Math.min(EVENTS, start + 5_000); n += 1) {
          const kind = kinds[n % 3]!;
          const quantity = kind === 'voice' ? 30 + (n % 600) : kind === 'sms' ? 1 : 500 + (n % 20_000);
          await sql.run(
            `INSERT INTO usage_events (id, line_id, kind, occurred_at, quantity, billed_units, charged_kopecks)
             VALUES ($id, $lineId, $kind, $at, $quantity, $billed, 0)`,
            { id: `bench-usage-${n}`, lineId, kind, at: new Date(yearAgo + Math.floor((n / EVENTS) * 364 * 86_400_000)).toISOString(), quantity, billed: billedUnits(kind, quantity) },
          );
        }
      });
    }
    if (cabinet.database instanceof EncryptedDatabase) await cabinet.database.checkpoint();

    const detail = new UsageDetailService(cabinet.database);
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const from = day(yearAgo);
    const to = day(Date.now());
    // No paged read in the store yet (issue 18, branch issue-18-store): a page is one day's detail (~137 events).
    const middle = day(yearAgo + 182 * 86_400_000);
    const page = await timeEach(20, () => detail.forLine(lineId, middle, middle, 'all'));
    const pageRows = (await detail.forLine(lineId, middle, middle, 'all')).rows.length;
    const yearRead = await timeEach(3, () => detail.forLine(lineId, from, to, 'all'));
    const year = await detail.forLine(lineId, from, to, 'all');

    const built = resolve('out/main/main.js');
    const worker = existsSync(resolve('out/main/detailExportWorker.js')) ? 'built' : 'source';
    const exportOnce = async (format: 'pdf' | 'csv') => {
      const exports = new DetailExports({
        uow: cabinet.database,
        usageDetail: { forLine: async () => year } as unknown as UsageDetailService,
        saveTarget: { choose: async (_window, name) => join(folder, name) },
        progress: () => undefined,
        logger: silentLogger,
        fonts: exportFonts(),
        startWorker: (job: ExportJob) => startExportWorker(job, worker === 'built' ? pathToFileURL(built).href : undefined),
      });
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
      const loop = monitorEventLoopDelay({ resolution: 5 });
      loop.enable();
      const started = performance.now();
      const outcome = await exports.export('bench', { lineId, msisdn, from, to, kind: 'all', format, language: 'ru' });
      const seconds = (performance.now() - started) / 1000;
      loop.disable();
      clearInterval(sampler);
      if (outcome.outcome !== 'saved') throw new Error(`the ${format} export was not saved`);
      const size = (await stat(join(folder, outcome.fileName))).size;
      return { seconds, peakMb: mb(peak), growthMb: mb(peak - before), loopMaxMs: loop.max / 1e6, size, rows: outcome.rows };
    };
    const pdf = await exportOnce('pdf');
    const csv = await exportOnce('csv');
    await cabinet.close();

    console.log(`\nstore: ${EVENTS} usage events on one line over a year; the export worker: ${worker}`);
    console.log(`account.detail, one day (${pageRows} rows): p50 ${percentile(page, 50).toFixed(1)} ms, p99 ${percentile(page, 99).toFixed(1)} ms   target ≤ 50 ms`);
    console.log(`account.detail, the whole year (${year.rows.length} rows): p50 ${percentile(yearRead, 50).toFixed(0)} ms (one synchronous read today)`);
    console.log(`PDF of the year: ${pdf.seconds.toFixed(2)} s, ${(pdf.size / 2 ** 20).toFixed(1)} MB file, process peak RSS ${pdf.peakMb} MB (+${pdf.growthMb} MB during the export), main loop held ≤ ${pdf.loopMaxMs.toFixed(0)} ms   targets ≤ 5 s, ≤ 300 MB`);
    console.log(`CSV of the year: ${csv.seconds.toFixed(2)} s, ${(csv.size / 2 ** 20).toFixed(1)} MB file, process peak RSS ${csv.peakMb} MB, main loop held ≤ ${csv.loopMaxMs.toFixed(0)} ms`);
    console.log(
      [
        `detail_page_ms=${percentile(page, 50).toFixed(1)}`,
        `detail_year_ms=${percentile(yearRead, 50).toFixed(0)}`,
        `pdf_50k_s=${pdf.seconds.toFixed(2)}`,
        // What the export costs: the process's peak RSS during it over its RSS before (the store and the year's
        // rows already in memory); the whole process's peak beside it.
        `pdf_50k_mb=${pdf.growthMb}`,
        `pdf_50k_process_peak_mb=${pdf.peakMb}`,
        `pdf_main_loop_max_ms=${pdf.loopMaxMs.toFixed(0)}`,
        `csv_50k_s=${csv.seconds.toFixed(2)}`,
        `rows=${year.rows.length}`,
      ].join(' '),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
