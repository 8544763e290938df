// npm run bench:account — the account screens against a store of 1,000 subscribers and a year of
// usage for one of them (≥ 50,000 events), each figure beside a baseline measured in the same run.
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { percentile, timeEach } from './timing';
import { openCabinet } from '../../electron/cabinet';
import { AccountOverviewService } from '../../electron/core/account/accountOverview';
import { RolloverMemo } from '../../electron/core/account/packageAllowance';
import { UsageRating } from '../../electron/core/account/usageRating';
import { billedUnits } from '../../electron/core/account/usageBilling';
import { TariffAdvisor } from '../../electron/core/tariffs/tariffAdvisor';
import { systemClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { JournalWriter } from '../../electron/store/files/journalFile';
import { billingPeriodAt } from '../../electron/core/account/billingPeriod';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { E164 } from '../../shared/phone';

const SUBSCRIBERS = 1000;
const EVENTS = 52_000;

async function main(): Promise<void> {
  console.log(`account benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-account-'));
  try {
    const data = bundledOperatorData();
    // 1,000 subscribers: the demo ones and generated ones in every region.
    const regions = data.regions.map((region) => region.id);
    for (let i = data.demoSubscribers.length; i < SUBSCRIBERS; i += 1) {
      const region = regions[i % regions.length]!;
      const tariff = data.tariffs.find((candidate) => candidate.monthlyFee[region] !== undefined && !candidate.archived)!;
      data.demoSubscribers.push({
        id: `bench-${i}`,
        name: `Абонент ${i}`,
        regionId: region,
        password: null,
        socialIdentities: [],
        lines: [{ msisdn: `+7950${String(i).padStart(7, '0')}`, tariffId: tariff.id, billingDay: 1 + (i % 28), activatedDaysAgo: 365, openingBalanceKopecks: 10_000_000, puk: '12345678', status: 'active', services: [], usage: [{ kind: 'voice', periodDay: 1, quantity: 120 }] }],
      });
    }
    // The line with a year of usage pays for what it uses beyond its packages.
    data.demoSubscribers[0]!.lines[0]!.openingBalanceKopecks = 10_000_000;
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
    const anna = data.demoSubscribers[0]!.lines[0]!.msisdn as E164;
    const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(anna)))!.lineId;

    // A year of usage for one line, spread over 365 days, in a few large transactions.
    const yearAgo = Date.now() - 365 * 86_400_000;
    const kinds = ['voice', 'sms', 'data'] as const;
    for (let start = 0; start < EVENTS; start += 5_000) {
      await cabinet.database.writeSql(async (sql) => {
        for (let n = start; n < Math.min(EVENTS, start + 5_000); n += 1) {
          const kind = kinds[n % 3]!;
          const quantity = kind === 'voice' ? 30 + (n % 600) : kind === 'sms' ? 1 : 500 + (n % 20_000);
          await sql.run(
            `INSERT INTO usage_events (id, line_id, kind, occurred_at, quantity, billed_units, charged_kopecks)
             VALUES ($id, $lineId, $kind, $at, $quantity, $billed, 0)`,
            { id: `bench-usage-${n}`, lineId, kind, at: new Date(yearAgo + Math.floor((n / EVENTS) * 365 * 86_400_000)).toISOString(), quantity, billed: billedUnits(kind, quantity) },
          );
        }
      });
    }
    if (cabinet.database instanceof EncryptedDatabase) await cabinet.database.checkpoint();

    // As the app wires them: what rolled into a period is worked out once and kept.
    const rollovers = new RolloverMemo();
    const overview = new AccountOverviewService(cabinet.database, systemClock, undefined, rollovers);
    const rating = new UsageRating(cabinet.database, systemClock, randomIds, undefined, rollovers);
    const advisor = new TariffAdvisor(cabinet.database, systemClock);

    // Baseline: the cheapest read the store can do, one row by primary key, in the same process.
    const baseline = await timeEach(300, () => cabinet.database.readSql(async (sql) => sql.one('SELECT id FROM lines WHERE id = $lineId', { lineId })));
    const summary = await timeEach(300, () => overview.forLine(lineId));
    // The disk's floor under any durable commit: one 1 KB journal record appended and fdatasync'ed, same code, same disk.
    const floorJournal = await JournalWriter.create(join(folder, 'floor.journal'), Buffer.alloc(32, 9), 1);
    const record = Buffer.alloc(1024, 1);
    const diskFloor = await timeEach(300, () => floorJournal.append(record));
    await floorJournal.close();
    // Rating: a subscriber with money on the balance sending SMS (past the package, so the ledger is written too),
    // then the line with a year of usage (thousands of events in its current period). Each rating's wait for the
    // journal's durable write is taken apart from the rest, which is the engine: reads, rules, writes in memory.
    const journalWaits = measureJournalWaits();
    const sender = data.demoSubscribers[SUBSCRIBERS - 1]!.lines[0]!.msisdn as E164;
    const rate = await timeEach(300, () => rating.record(sender, 'sms', 1));
    const rateEngine = journalWaits.subtractFrom(rate);
    const rateHeavy = await timeEach(300, () => rating.record(anna, 'voice', 61));
    const rateHeavyEngine = journalWaits.subtractFrom(rateHeavy);
    journalWaits.stop();
    // What every rating did before the window's running totals were kept: sum the current window's events.
    const line = (await cabinet.database.read((repos) => repos.account.line(lineId)))!;
    const period = billingPeriodAt(Date.now(), line.region.timeZone, line.billingDay);
    const inWindow = (await cabinet.database.readSql((sql) => sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM usage_events WHERE line_id = $lineId AND occurred_at >= $from', { lineId, from: period.fromIso })))!.n;
    const windowSum = await timeEach(300, () =>
      cabinet.database.readSql((sql) =>
        sql.all(
          `SELECT kind, SUM(billed_units) AS billed FROM usage_events
            WHERE line_id = $lineId AND occurred_at >= $from AND occurred_at < $to AND free_by IS NULL GROUP BY kind`,
          { lineId, from: period.fromIso, to: period.toIso },
        ),
      ),
    );
    const advice = await timeEach(30, () => advisor.advise(lineId));
    await cabinet.close();

    const row = (name: string, times: number[], target: string, against = baseline, baselineName = 'the baseline') =>
      console.log(`${name.padEnd(52)} p50 ${ms(percentile(times, 50))}  p99 ${ms(percentile(times, 99))}  ×${(percentile(times, 50) / percentile(against, 50)).toFixed(1).padStart(6)} ${baselineName.padEnd(14)} target ${target}`);
    console.log(`\nstore: ${SUBSCRIBERS} subscribers, ${EVENTS} usage events on one line over a year (${inWindow} in its current period)`);
    row('baseline: one row by key', baseline, '—');
    row('main screen summary', summary, 'p50 ≤ 5 ms');
    row('disk floor: one 1 KB journal append + fdatasync', diskFloor, '—');
    row('rating one event: the engine', rateEngine, '≤ 1 ms');
    row('rating one event: with its durable commit', rate, '— (≥ the disk floor)', diskFloor, 'the disk floor');
    row('rating on the year-long line: the engine', rateHeavyEngine, '≤ 1 ms');
    row('rating on the year-long line: with durable commit', rateHeavy, '— (≥ the disk floor)', diskFloor, 'the disk floor');
    row(`summing its window (${inWindow} events; before totals)`, windowSum, '—');
    row('advisor: 3 periods × every tariff', advice, '≤ 100 ms');
    console.log(
      [
        `summary_p50_ms=${percentile(summary, 50).toFixed(3)}`,
        `rate_event_engine_p50_ms=${percentile(rateEngine, 50).toFixed(3)}`,
        `rate_event_durable_p50_ms=${percentile(rate, 50).toFixed(3)}`,
        `rate_heavy_engine_p50_ms=${percentile(rateHeavyEngine, 50).toFixed(3)}`,
        `disk_floor_p50_ms=${percentile(diskFloor, 50).toFixed(3)}`,
        `advisor_p50_ms=${percentile(advice, 50).toFixed(3)}`,
        `baseline_p50_ms=${percentile(baseline, 50).toFixed(3)}`,
      ].join(' '),
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}


/**
 * Times every journal append (the write and its fdatasync) while rating runs, so each rating's wait for the
 * disk can be taken apart from its own work. One append per rating: a rating is one transaction.
 */
function measureJournalWaits() {
  const append = JournalWriter.prototype.append;
  let waits: number[] = [];
  JournalWriter.prototype.append = async function (this: JournalWriter, payload: Uint8Array) {
    const started = performance.now();
    try {
      return await append.call(this, payload);
    } finally {
      waits.push(performance.now() - started);
    }
  };
  return {
    subtractFrom(times: number[]): number[] {
      if (waits.length !== times.length) throw new Error(`expected one journal append per rating, got ${waits.length} for ${times.length}`);
      const engine = times.map((time, index) => time - waits[index]!);
      waits = [];
      return engine;
    },
    stop() {
      JournalWriter.prototype.append = append;
    },
  };
}

const ms = (value: number) => `${value.toFixed(3)} ms`.padStart(11);

await main();
