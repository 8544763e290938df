import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { demo, demoLine, openTestCabinet, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = async (method: string, input: unknown): Promise<Answer> => (await cabinet.dispatcher.dispatch(cabinet.window(), method, input)) as unknown as Answer;

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
    const detail = (await call('account.detail', { from: overview.period.start, to: overview.period.end })).value;
    const voiceRows = detail.rows.filter((row: { kind: string }) => row.kind === 'voice');
    expect(voiceRows.length).toBeGreaterThan(0);
    expect(detail.totals.voiceMinutes).toBe(voiceRows.reduce((sum: number, row: { quantity: number }) => sum + Math.ceil(row.quantity / 60), 0));
    const voiceRemainder = overview.remainders.find((r: { kind: string }) => r.kind === 'voice');
    expect(detail.totals.voiceMinutes).toBe(voiceRemainder.used + 3);
    expect(detail.daily[0].date).toBe(overview.period.start);
    expect(detail.daily.at(-1).date).toBe(overview.period.end);
    expect(detail.daily.reduce((sum: number, day: { voiceMinutes: number }) => sum + day.voiceMinutes, 0)).toBe(detail.totals.voiceMinutes);
  });

  it('filters by kind', async () => {
    const overview = (await call('account.overview', {})).value;
    const onlySms = (await call('account.detail', { from: overview.period.start, to: overview.period.end, kind: 'sms' })).value;
    expect(onlySms.rows.length).toBeGreaterThan(0);
    expect(new Set(onlySms.rows.map((row: { kind: string }) => row.kind))).toEqual(new Set(['sms']));
  });

  it('a range backwards or longer than a year is a field error naming "to"', async () => {
    expect(await call('account.detail', { from: '2026-11-10', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(await call('account.detail', { from: '2025-01-01', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'to' }] } } });
    expect(await call('account.detail', { from: '1 ноября', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { fields: [{ field: 'from' }] } } });
  });

  it('detailPage gives the same rows in the same order, a page at a time, for every kind', async () => {
    const overview = (await call('account.overview', {})).value;
    for (let i = 0; i < 7; i += 1) await cabinet.usage.use(demoLine.msisdn as E164, i % 2 ? 'sms' : 'voice', 30 + i); // same instant: ties
    cabinet.clock.advance(60_000);
    await cabinet.usage.use(demoLine.msisdn as E164, 'data', 512);
    for (const kind of ['all', 'voice', 'sms', 'data', 'money'] as const) {
      const range = { from: overview.period.start, to: overview.period.end, kind };
      const whole = (await call('account.detail', range)).value.rows;
      const paged: unknown[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await call('account.detailPage', { ...range, limit: 3, ...(cursor ? { cursor } : {}) });
        expect(page.ok).toBe(true);
        expect(page.value.rows.length).toBeLessThanOrEqual(3);
        paged.push(...page.value.rows);
        cursor = page.value.nextCursor ?? undefined;
        pages += 1;
      } while (cursor && pages < 100);
      expect(paged).toEqual(whole);
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
