import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = async (method: string, input: unknown): Promise<Answer> => (await cabinet.dispatcher.dispatch(cabinet.window(), method, input)) as unknown as Answer;
type Row = { at: string; kind: string; quantity: number; amountKopecks: number };
/** Every row of a range, read page by page as the window reads them. */
async function allRows(range: { from: string; to: string; kind?: string }, limit = 500): Promise<{ rows: Row[]; pages: number }> {
  const rows: Row[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await call('account.detailPage', { ...range, limit, ...(cursor ? { cursor } : {}) });
    expect(page.ok).toBe(true);
    expect(page.value.rows.length).toBeLessThanOrEqual(limit);
    rows.push(...page.value.rows);
    cursor = page.value.nextCursor ?? undefined;
    pages += 1;
  } while (cursor && pages < 1000);
  return { rows, pages };
}

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

describe('usage detail', () => {
  it('lists the period’s usage and money, with totals that match the rows and a day per date', async () => {
    const overview = (await call('account.overview', {})).value;
    await cabinet.usage.use(demoLine.msisdn as E164, 'voice', 125);
    const range = { from: overview.period.start, to: overview.period.end };
    const detail = (await call('account.detailSummary', range)).value;
    const { rows } = await allRows(range);
    expect(detail.rowCount).toBe(rows.length);
    expect(detail.totals.paidKopecks).toBe(rows.filter((row) => row.amountKopecks > 0).reduce((sum, row) => sum + row.amountKopecks, 0));
    expect(detail.totals.chargedKopecks).toBe(rows.filter((row) => row.amountKopecks < 0).reduce((sum, row) => sum - row.amountKopecks, 0));
    const voiceRows = rows.filter((row: { kind: string }) => row.kind === 'voice');
    expect(voiceRows.length).toBeGreaterThan(0);
    expect(detail.totals.voiceMinutes).toBe(voiceRows.reduce((sum: number, row: { quantity: number }) => sum + Math.ceil(row.quantity / 60), 0));
    const voiceRemainder = overview.remainders.find((r: { kind: string }) => r.kind === 'voice');
    expect(detail.totals.voiceMinutes).toBe(voiceRemainder.used + 3);
    expect(detail.daily[0].date).toBe(overview.period.start);
    expect(detail.daily.at(-1).date).toBe(overview.period.end);
    expect(detail.daily.reduce((sum: number, day: { voiceMinutes: number }) => sum + day.voiceMinutes, 0)).toBe(detail.totals.voiceMinutes);
  });

  it('a call just after midnight in the region counts on the region\'s new day, not on the UTC day', async () => {
    const overview = (await call('account.overview', {})).value;
    // 2026-11-24T09:00Z is 12:00 in Moscow: go to 00:30 Moscow time on the 25th, which is still the 24th in UTC.
    expect(overview.region.timeZone).toBe('Europe/Moscow');
    cabinet.clock.advance(Date.parse('2026-11-24T21:30:00Z') - cabinet.clock.now());
    await call('auth.signInWithPassword', { phone: demoLine.msisdn, password: demo.password }); // the session timed out meanwhile
    const range = { from: overview.period.start, to: overview.period.end };
    const before = (await call('account.detailSummary', range)).value;
    expect(before.daily.map((d: { date: string }) => d.date)).toContain('2026-11-25');
    await cabinet.usage.use(demoLine.msisdn as E164, 'voice', 61);
    const after = (await call('account.detailSummary', range)).value;
    const day = (summary: { daily: Array<{ date: string; voiceMinutes: number }> }, date: string) => summary.daily.find((d) => d.date === date)!.voiceMinutes;
    expect(day(after, '2026-11-25') - day(before, '2026-11-25')).toBe(2);
    expect(day(after, '2026-11-24')).toBe(day(before, '2026-11-24'));
    expect(after.rowCount).toBe(before.rowCount + 1);
  });

  it('filters by kind', async () => {
    const overview = (await call('account.overview', {})).value;
    const range = { from: overview.period.start, to: overview.period.end, kind: 'sms' };
    const onlySms = await allRows(range);
    expect(onlySms.rows.length).toBeGreaterThan(0);
    expect(new Set(onlySms.rows.map((row) => row.kind))).toEqual(new Set(['sms']));
    expect((await call('account.detailSummary', range)).value.rowCount).toBe(onlySms.rows.length);
  });

  it('a range backwards or longer than a year is a field error naming "to"', async () => {
    expect(await call('account.detailPage', { from: '2026-11-10', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(await call('account.detailSummary', { from: '2026-11-10', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(await call('account.detailSummary', { from: '2025-01-01', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(await call('account.detailSummary', { from: '1 ноября', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'from' }] } } });
  });

  it('detailPage gives the same rows in the same order whatever the page size, each kind the rows of "all" of its kind', async () => {
    const overview = (await call('account.overview', {})).value;
    for (let i = 0; i < 7; i += 1) await cabinet.usage.use(demoLine.msisdn as E164, i % 2 ? 'sms' : 'voice', 30 + i); // same instant: ties
    cabinet.clock.advance(60_000);
    await cabinet.usage.use(demoLine.msisdn as E164, 'data', 512);
    const everything = (await allRows({ from: overview.period.start, to: overview.period.end, kind: 'all' })).rows;
    expect(everything.map((row) => row.at)).toEqual(everything.map((row) => row.at).sort());
    for (const kind of ['all', 'voice', 'sms', 'data', 'money'] as const) {
      const range = { from: overview.period.start, to: overview.period.end, kind };
      const whole = (await allRows(range)).rows;
      const { rows: paged, pages } = await allRows(range, 3);
      expect(paged).toEqual(whole);
      expect(whole).toEqual(kind === 'all' ? everything : everything.filter((row) => row.kind === kind));
      expect((await call('account.detailSummary', range)).value.rowCount).toBe(whole.length);
      if (kind === 'all') expect(pages).toBeGreaterThan(2);
    }
  });

  it('detailPage refuses a cursor it did not give, naming the field', async () => {
    const overview = (await call('account.overview', {})).value;
    for (const cursor of ['not a cursor', Buffer.from('{"usage":5}').toString('base64url')]) {
      expect(await call('account.detailPage', { from: overview.period.start, to: overview.period.end, cursor })).toMatchObject({
        ok: false,
        error: { code: 'VALIDATION', details: { fields: [{ field: 'cursor' }] } },
      });
    }
  });
});
