// npm run bench:detail — a year of usage detail (50,000 events on one line) read a page at a time
// (account.detailPage) beside the whole-range read (account.detail) it replaces, in the same run; then all of it
// exported to PDF and CSV in the export worker (time, memory, how long the main process's event loop was held).
// Figures only: no pass/fail. Uses the built worker (out/main) when there.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DateTime } from 'luxon';
import { percentile } from './timing';
import { openCabinet } from '../../electron/cabinet';
import { billedUnits } from '../../electron/core/account/usageBilling';
import { UsageDetailService } from '../../electron/core/account/usageDetail';
import { silentLogger } from '../../electron/core/logger';
import { DetailExports, exportFonts, startExportWorker } from '../../electron/exports/detailExports';
import type { ExportJob } from '../../electron/exports/detailDocuments';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { E164 } from '../../shared/phone';

const EVENTS = 50_000;
const PAGE = 200;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);

async function main(): Promise<void> {
  console.log(`detail benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-detail-'));
  try {
    const data = bundledOperatorData();
    const cabinet = await openCabinet({
      dataDir: folder,
      keyProvider: new StaticKeyProvider(Buffer.alloc(32, 5)),
      settings: new MemorySettingsStore(),
      trustedOrigins: ['app://cabinet'],
      // A test host: the test doubles stand in for the network, said explicitly.
      demo: true,
      operatorData: data,
      passwordCost: { N: 1024, r: 8, p: 1 },
      sweepIntervalMs: 0,
      storeTuning: { idleCheckpointMs: 0 },
    });
    const msisdn = data.demoSubscribers[0]!.lines[0]!.msisdn as E164;
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(msisdn)))!.lineId;
    const zone = (await cabinet.database.read((repos) => repos.account.line(lineId)))!.region.timeZone;
    const today = DateTime.now().setZone(zone).startOf('day');
    const from = today.minus({ days: 364 });
    const span = today.plus({ days: 1 }).toMillis() - from.toMillis();

    const kinds = ['voice', 'sms', 'data'] as const;
    for (let start = 0; start < EVENTS; start += 5_000) {
      await cabinet.database.writeSql(async (sql) => {
        for (let n = start; n < Math.min(EVENTS, start + 5_000); n += 1) {
          const kind = kinds[n % 3]!;
          const quantity = kind === 'voice' ? 30 + (n % 600) : kind === 'sms' ? 1 : 500 + (n % 20_000);
          await sql.run(
            `INSERT INTO usage_events (id, line_id, kind, occurred_at, quantity, billed_units, charged_kopecks)
             VALUES ($id, $lineId, $kind, $at, $quantity, $billed, 0)`,
            { id: `bench-usage-${n}`, lineId, kind, at: new Date(from.toMillis() + Math.floor((n / EVENTS) * (span - 1000))).toISOString(), quantity, billed: billedUnits(kind, quantity) },
          );
        }
      });
    }
    if (cabinet.database instanceof EncryptedDatabase) await cabinet.database.checkpoint();

    const detail = new UsageDetailService(cabinet.database);
    const range = [from.toISODate()!, today.toISODate()!] as const;

    // Every page of the year, one after another: each is one read of the store's queue.
    const pageTimes: number[] = [];
    let cursor: string | undefined;
    let rows = 0;
    do {
      const started = performance.now();
      const page = await detail.page(lineId, ...range, 'all', cursor, PAGE);
      pageTimes.push(performance.now() - started);
      rows += page.rows.length;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    // The baseline: the whole year in one read of the store, as account.detail did it before it was paged.
    const wholeTimes: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await cabinet.database.read(async (repos) => {
        const [usage, money] = await Promise.all([repos.account.usageEvents(lineId, from.toUTC().toISO()!, today.plus({ days: 1 }).toUTC().toISO()!), repos.account.balanceMovements(lineId, from.toUTC().toISO()!, today.plus({ days: 1 }).toUTC().toISO()!)]);
        return [...usage.map((e) => e.occurredAt), ...money.map((m) => m.at)].sort();
      });
      wholeTimes.push(performance.now() - started);
    }
    // The summary (totals, days, row count) the screen shows: many short reads; the loop's longest hold is what counts.
    const summaryTimes: number[] = [];
    const summaryLoop = monitorEventLoopDelay({ resolution: 5 });
    summaryLoop.enable();
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await detail.summary(lineId, ...range, 'all');
      summaryTimes.push(performance.now() - started);
    }
    summaryLoop.disable();
    const year = await detail.whole(lineId, ...range, 'all');

    const built = resolve('out/main/main.js');
    const worker = existsSync(resolve('out/main/detailExportWorker.js')) ? 'built' : 'source';
    const exportOnce = async (format: 'pdf' | 'csv') => {
      const exports = new DetailExports({
        uow: cabinet.database,
        usageDetail: { whole: async () => year } as unknown as UsageDetailService,
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
      const outcome = await exports.export('bench', { lineId, msisdn, from: range[0], to: range[1], kind: 'all', format, language: 'ru' });
      const seconds = (performance.now() - started) / 1000;
      loop.disable();
      clearInterval(sampler);
      if (outcome.outcome !== 'saved') throw new Error(`the ${format} export was not saved`);
      const size = (await stat(join(folder, outcome.fileName))).size;
      return { seconds, peakMb: mb(peak), growthMb: mb(peak - before), loopMaxMs: loop.max / 1e6, size };
    };
    const pdf = await exportOnce('pdf');
    const csv = await exportOnce('csv');
    await cabinet.close();

    console.log(`  ${rows} rows in ${pageTimes.length} pages of ${PAGE}`);
    console.log(`  page: p50 ${pageTimes.length ? percentile(pageTimes, 50).toFixed(1) : 'NA'} ms, p99 ${percentile(pageTimes, 99).toFixed(1)} ms, max ${Math.max(...pageTimes).toFixed(1)} ms`);
    console.log(`  whole year in one read (the old account.detail, baseline): p50 ${percentile(wholeTimes, 50).toFixed(1)} ms`);
    console.log(`  summary of the year (detailSummary): p50 ${percentile(summaryTimes, 50).toFixed(1)} ms in all, main loop held ≤ ${(summaryLoop.max / 1e6).toFixed(0)} ms`);
    console.log(`  PDF of the year (${worker} worker): ${pdf.seconds.toFixed(2)} s, ${(pdf.size / 2 ** 20).toFixed(1)} MB file, peak RSS ${pdf.peakMb} MB (+${pdf.growthMb} MB), main loop held ≤ ${pdf.loopMaxMs.toFixed(0)} ms   targets ≤ 5 s, ≤ 300 MB`);
    console.log(`  CSV of the year: ${csv.seconds.toFixed(2)} s, ${(csv.size / 2 ** 20).toFixed(1)} MB file, main loop held ≤ ${csv.loopMaxMs.toFixed(0)} ms`);
    console.log(
      [
        `detail_page_ms=${percentile(pageTimes, 99).toFixed(1)}`,
        `detail_page_max_ms=${Math.max(...pageTimes).toFixed(1)}`,
        `detail_whole_year_ms=${percentile(wholeTimes, 50).toFixed(1)}`,
        `detail_summary_ms=${percentile(summaryTimes, 50).toFixed(1)}`,
        `detail_summary_loop_max_ms=${(summaryLoop.max / 1e6).toFixed(0)}`,
        `page_vs_whole_ratio=${(percentile(pageTimes, 99) / percentile(wholeTimes, 50)).toFixed(3)}`,
        `pdf_50k_s=${pdf.seconds.toFixed(2)}`,
        // What the export costs: the process's peak RSS during it over its RSS before (the store and the year's
        // rows already in memory); the whole process's peak beside it.
        `pdf_50k_mb=${pdf.growthMb}`,
        `pdf_50k_process_peak_mb=${pdf.peakMb}`,
        `pdf_main_loop_max_ms=${pdf.loopMaxMs.toFixed(0)}`,
        `csv_50k_s=${csv.seconds.toFixed(2)}`,
      ].join(' '),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
    await rm(`${folder}.anchor`, { force: true });
  }
}

await main();
