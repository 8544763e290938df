import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageRating } from '../../electron/core/account/usageRating';
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
  await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: msisdn, password: line.password });
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
