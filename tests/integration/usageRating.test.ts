import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountOverviewService } from '../../electron/core/account/accountOverview';
import { UsageRating } from '../../electron/core/account/usageRating';
import { TariffChange } from '../../electron/core/tariffs/tariffChange';
import { randomIds } from '../../electron/core/ids';
import type { E164 } from '../../shared/phone';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
let rating: UsageRating;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  rating = new UsageRating(cabinet.database, cabinet.clock, { next: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}` });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

// Ольга Ким (Vladivostok) is close to the end of her data package: 10 GB, about 9.2 GB used.
const olga = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'olga-kim')!;
const olgaLine = olga.lines[0]!;
const olgaTariff = operatorData.tariffs.find((tariff) => tariff.id === olgaLine.tariffId)!;
const anna = operatorData.demoSubscribers[0]!.lines[0]!;

async function overview(msisdn: string) {
  const window = cabinet.window(`w-${msisdn}`);
  const line = operatorData.demoSubscribers.find((s) => s.lines.some((l) => l.msisdn === msisdn))!;
  const signedIn = await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: msisdn, password: line.password });
  if (!signedIn.ok) throw new Error(`sign-in: ${signedIn.error.message}`);
  const result = await cabinet.dispatcher.dispatch(window, 'account.overview', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { balanceKopecks: number; lineStatus: string; remainders: Array<{ kind: string; used: number; left: number; total: number }> };
}
const remainder = async (msisdn: string, kind: string) => (await overview(msisdn)).remainders.find((r) => r.kind === kind)!;

describe('rating usage', () => {
  it('a call is billed per started minute from the package', async () => {
    const before = await remainder(anna.msisdn, 'voice');
    const rated = await rating.record(anna.msisdn as E164, 'voice', 61);
    expect(rated).toMatchObject({ billedUnits: 2, fromPackage: 2, chargedKopecks: 0 });
    expect((await remainder(anna.msisdn, 'voice')).left).toBe(before.left - 2);
  });

  it('a package running out mid-session: part from the package, the rest charged at the tariff rate', async () => {
    const before = await overview(olgaLine.msisdn);
    const data = before.remainders.find((r) => r.kind === 'data')!;
    const leftKb = data.left * 1024;
    // 300 MB more than is left: the package gives what it has, 300 started megabytes are charged.
    const rated = await rating.record(olgaLine.msisdn as E164, 'data', leftKb + 300 * 1024);
    // The screen shows whole megabytes left; the package holds up to one megabyte more than that.
    expect(rated.fromPackage).toBeGreaterThanOrEqual(leftKb);
    expect(rated.fromPackage).toBeLessThan(leftKb + 1024);
    const overflowKb = rated.billedUnits - rated.fromPackage;
    expect(overflowKb).toBeGreaterThan(299 * 1024);
    expect(overflowKb).toBeLessThan(300 * 1024 + 100); // data is billed per started 100 KB
    expect(rated.chargedKopecks).toBe(Math.ceil(overflowKb / 1024) * olgaTariff.overage.dataPerMb);
    const after = await overview(olgaLine.msisdn);
    expect(after.remainders.find((r) => r.kind === 'data')!.left).toBe(0);
    expect(after.balanceKopecks).toBe(before.balanceKopecks - rated.chargedKopecks);
  });

  it('a balance that goes below zero restricts the line: no more outgoing usage until a top-up', async () => {
    const data = await remainder(olgaLine.msisdn, 'data');
    // 400 MB beyond the package costs more than her 45 ₽.
    await expect(rating.record(olgaLine.msisdn as E164, 'data', (data.left + 400) * 1024)).resolves.toMatchObject({ balanceAfterKopecks: expect.any(Number) });
    const after = await overview(olgaLine.msisdn);
    expect(after.balanceKopecks).toBeLessThan(0);
    expect(after.lineStatus).toBe('restricted');
    await expect(rating.record(olgaLine.msisdn as E164, 'sms', 1)).rejects.toMatchObject({ code: 'NOT_ELIGIBLE', details: { reason: 'restricted' } });
  });

  it('a blocked SIM makes no calls', async () => {
    const blocked = operatorData.demoSubscribers.find((s) => s.lines.some((l) => l.status === 'blocked'))!.lines[0]!;
    await expect(rating.record(blocked.msisdn as E164, 'voice', 60)).rejects.toMatchObject({ code: 'SIM_BLOCKED' });
  });

  it('after any sequence of usage the ledger balances and each balance is its entries’ sum', async () => {
    const lines = operatorData.demoSubscribers
      .filter((s) => s.password !== null)
      .flatMap((s) => s.lines.filter((l) => l.status !== 'blocked').map((l) => l.msisdn));
    const openingTotal = operatorData.demoSubscribers.flatMap((s) => s.lines).reduce((sum, l) => sum + l.openingBalanceKopecks, 0);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            msisdn: fc.constantFrom(...lines),
            kind: fc.constantFrom('voice' as const, 'sms' as const, 'data' as const),
            quantity: fc.integer({ min: 1, max: 3_000_000 }),
          }),
          { maxLength: 25 },
        ),
        async (sequence) => {
          let charged = 0;
          for (const usage of sequence) {
            try {
              charged += (await rating.record(usage.msisdn as E164, usage.kind, usage.quantity)).chargedKopecks;
            } catch (error) {
              expect(['NOT_ELIGIBLE', 'INSUFFICIENT_FUNDS']).toContain((error as { code: string }).code);
            }
          }
          expect(await cabinet.database.read((repos) => repos.ledger.total())).toBe(0);
          const balances = await cabinet.database.readSql(async (sql) =>
            await sql.one<{ lines: number; revenue: number }>(
              `SELECT COALESCE(SUM(CASE WHEN account LIKE 'line:%' THEN amount_kopecks END), 0) AS lines,
                      COALESCE(SUM(CASE WHEN account = 'operator:revenue' THEN amount_kopecks END), 0) AS revenue
                 FROM ledger_entries`,
            ),
          );
          expect(balances!.revenue).toBeGreaterThanOrEqual(charged);
          expect(balances!.lines).toBe(openingTotal - balances!.revenue);
          const overviews = await Promise.all(lines.map((msisdn) => overview(msisdn)));
          for (const view of overviews) for (const r of view.remainders) expect(r.used + r.left).toBe(r.total);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe('running usage totals of a package window', () => {
  it('are always the sum of the window’s events: through free app traffic, tariff changes mid-period and new periods', async () => {
    const lines = operatorData.demoSubscribers
      .filter((s) => s.password !== null)
      .flatMap((s) => s.lines.filter((l) => l.status !== 'blocked').map((l) => l.msisdn));
    const change = new TariffChange(cabinet.database, new AccountOverviewService(cabinet.database, cabinet.clock), cabinet.clock, { next: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}` });
    const windowsMatchEvents = async () =>
      cabinet.database.readSql(async (sql) => {
        const windows = await sql.all<{ line_id: string; from_iso: string; to_iso: string; voice: number; sms: number; data: number }>('SELECT * FROM usage_windows');
        for (const window of windows) {
          const summed = { voice: 0, sms: 0, data: 0 };
          for (const row of await sql.all<{ kind: 'voice' | 'sms' | 'data'; billed: number }>(
            `SELECT kind, SUM(billed_units) AS billed FROM usage_events
              WHERE line_id = $lineId AND occurred_at >= $from AND occurred_at < $to AND free_by IS NULL GROUP BY kind`,
            { lineId: window.line_id, from: window.from_iso, to: window.to_iso },
          )) summed[row.kind] = row.billed;
          expect({ voice: window.voice, sms: window.sms, data: window.data }, `${window.line_id} ${window.from_iso}…${window.to_iso}`).toEqual(summed);
        }
        return windows.length;
      });
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            fc.record({
              step: fc.constant('use' as const),
              msisdn: fc.constantFrom(...lines),
              kind: fc.constantFrom('voice' as const, 'sms' as const, 'data' as const),
              quantity: fc.integer({ min: 1, max: 500_000 }),
              app: fc.constantFrom(undefined, 'messengers', 'social', 'video'),
            }),
            fc.record({ step: fc.constant('wait' as const), hours: fc.integer({ min: 1, max: 24 * 20 }) }),
            fc.record({ step: fc.constant('tariff' as const), msisdn: fc.constantFrom(...lines), pick: fc.nat() }),
          ),
          { maxLength: 30 },
        ),
        async (steps) => {
          for (const step of steps) {
            try {
              if (step.step === 'wait') cabinet.clock.advance(step.hours * 3_600_000);
              else if (step.step === 'use') await rating.record(step.msisdn as E164, step.kind, step.quantity, step.app);
              else {
                const lineId = (await cabinet.database.read((repos) => repos.credentials.forNumber(step.msisdn as E164)))!.lineId;
                const { current, offered } = await change.catalog(lineId);
                const others = offered.filter((card) => card.id !== current.id);
                await change.change(lineId, others[step.pick % others.length]!.id, `k-${Math.random()}`);
              }
            } catch (error) {
              expect(['NOT_ELIGIBLE', 'INSUFFICIENT_FUNDS']).toContain((error as { code: string }).code);
            }
          }
          kept = Math.max(kept, await windowsMatchEvents());
        },
      ),
      { numRuns: 12 },
    );
    // The property was about something: ratings did start running totals.
    expect(kept).toBeGreaterThan(0);
  });

  it('rate the same after the store is rebuilt from its journal', async () => {
    // Closed as a crash would leave it: the embedded store replays the journal on open (the shared store simply reopens).
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { clock: cabinet.clock, ids: randomIds, storeTuning: { checkpointOnClose: false, idleCheckpointMs: 0 } });
    rating = new UsageRating(cabinet.database, cabinet.clock, { next: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}` });
    for (let i = 0; i < 5; i += 1) await rating.record(anna.msisdn as E164, 'voice', 61 + i);
    const before = await cabinet.database.readSql((sql) => sql.all('SELECT * FROM usage_windows ORDER BY line_id, from_iso'));
    expect(before.length).toBeGreaterThan(0);
    const remaindersBefore = (await overview(anna.msisdn)).remainders;
    if ('journalRecords' in cabinet.database) expect((cabinet.database as { journalRecords(): number }).journalRecords()).toBeGreaterThan(0);
    await cabinet.close();
    cabinet = await openTestCabinet(dir.path, { clock: cabinet.clock, ids: randomIds });
    rating = new UsageRating(cabinet.database, cabinet.clock, { next: (prefix) => `${prefix}_${Math.random().toString(36).slice(2)}` });
    expect(await cabinet.database.readSql((sql) => sql.all('SELECT * FROM usage_windows ORDER BY line_id, from_iso'))).toEqual(before);
    expect((await overview(anna.msisdn)).remainders).toEqual(remaindersBefore);
    const voice = (await overview(anna.msisdn)).remainders.find((r) => r.kind === 'voice')!;
    await rating.record(anna.msisdn as E164, 'voice', 60);
    expect((await overview(anna.msisdn)).remainders.find((r) => r.kind === 'voice')!.used).toBe(voice.used + 1);
  });
});

describe('usage on the virtual handset', () => {
  it('tells the windows signed in to that number, and no other', async () => {
    const seen: string[] = [];
    cabinet.dispatcher.connect('anna', (event) => seen.push(`anna:${event}`));
    cabinet.dispatcher.connect('olga', (event) => seen.push(`olga:${event}`));
    await cabinet.dispatcher.dispatch(cabinet.window('anna'), 'auth.signInWithPassword', { phone: anna.msisdn, password: operatorData.demoSubscribers[0]!.password });
    await cabinet.dispatcher.dispatch(cabinet.window('olga'), 'auth.signInWithPassword', { phone: olgaLine.msisdn, password: olga.password });
    await cabinet.usage.use(anna.msisdn as E164, 'voice', 300);
    expect(seen).toEqual(['anna:account.changed']);
  });
});
