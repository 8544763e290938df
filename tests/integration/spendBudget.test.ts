import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { E164 } from '../../shared/phone';
import { bundledContentData } from '../../electron/store/seed/contentData';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const content = bundledContentData();
const dmitry = operatorData.demoSubscribers.find((s) => s.id === 'dmitry-sokolov')!;
const msisdn = dmitry.lines[0]!.msisdn as E164;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answer = { ok: boolean; value: any; error: any };
const call = (method: string, input: unknown) => cabinet.dispatcher.dispatch(cabinet.window('a'), method, input) as Promise<Answer>;

describe('spend forecast and budget', () => {
  it('forecasts from real rated usage, keeps a budget within the operator’s bounds, and raises one alert a period when the forecast passes it', async () => {
    await call('auth.signInWithPassword', { phone: msisdn, password: dmitry.password });
    const alerts: Array<{ kind: string; forecastKopecks?: number; budgetKopecks?: number }> = [];
    cabinet.dispatcher.connect('a', (event, payload) => {
      if (event === 'alert.raised') alerts.push(payload as never);
    });
    const first = (await call('subscriptions.forecast', {})).value;
    expect(first).toMatchObject({ budgetKopecks: null, overBudget: false, minBudgetKopecks: content.budget.minKopecks, maxBudgetKopecks: content.budget.maxKopecks });
    expect(first.forecastKopecks).toBe(first.chargedKopecks + first.feesDueKopecks + first.projectedUsageKopecks);

    // Usage beyond the packages is rated and charged: the forecast grows by it and by its projection.
    const rated = await cabinet.usage.use(msisdn, 'voice', 60 * 5_000);
    const after = (await call('subscriptions.forecast', {})).value;
    expect(rated.chargedKopecks).toBeGreaterThan(0);
    expect(after.usageKopecks - first.usageKopecks).toBe(rated.chargedKopecks);
    expect(after.forecastKopecks).toBeGreaterThan(first.forecastKopecks + rated.chargedKopecks);

    expect((await call('subscriptions.setBudget', { monthlyKopecks: content.budget.minKopecks - 1 })).error).toMatchObject({
      code: 'VALIDATION',
      details: { fields: [{ field: 'monthlyKopecks' }] },
    });
    expect((await call('subscriptions.setBudget', { monthlyKopecks: 12.5 })).error).toMatchObject({ code: 'VALIDATION', details: { fields: [{ field: 'monthlyKopecks' }] } });
    const above = await call('subscriptions.setBudget', { monthlyKopecks: Math.min(content.budget.maxKopecks, after.forecastKopecks + 100_000) });
    expect(above.value).toMatchObject({ overBudget: false });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alerts.filter((alert) => alert.kind === 'budget-over')).toHaveLength(0);

    const below = await call('subscriptions.setBudget', { monthlyKopecks: content.budget.minKopecks });
    expect(below.value).toMatchObject({ overBudget: true, budgetKopecks: content.budget.minKopecks });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alerts.filter((alert) => alert.kind === 'budget-over')).toEqual([{ kind: 'budget-over', msisdn, forecastKopecks: below.value.forecastKopecks, budgetKopecks: content.budget.minKopecks, periodEnd: below.value.period.end }]);
    // Looked at again the same period (another change of the line): not said again.
    expect((await call('subscriptions.setBudget', { monthlyKopecks: content.budget.minKopecks + 100 })).value).toMatchObject({ overBudget: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(alerts.filter((alert) => alert.kind === 'budget-over')).toHaveLength(1);

    expect((await call('subscriptions.setBudget', { monthlyKopecks: null })).value).toMatchObject({ budgetKopecks: null, overBudget: false });
  });

  it('counts the monthly fee once: a period paid (seeded so) has none to come; a new period’s, once charged, is among the charges only', async () => {
    await call('auth.signInWithPassword', { phone: msisdn, password: dmitry.password });
    // Paid for this period (seeded so): none of it is still to come.
    const paid = (await call('subscriptions.forecast', {})).value;
    const fee = await cabinet.database.read(async (repos) => repos.billing.monthlyFees((await repos.credentials.forNumber(msisdn))!.lineId));
    expect(paid.feesDueKopecks).toBe(0);
    // 00:30 on 1 December in Novosibirsk (UTC+7): a new period; the sign-in's look at the line charges its fee.
    cabinet.clock.set(Date.parse('2026-11-30T17:30:00Z'));
    await call('auth.signInWithPassword', { phone: msisdn, password: dmitry.password });
    await call('account.overview', {});
    const after = (await call('subscriptions.forecast', {})).value;
    // Charged, and so not still to come: once, not twice. (Before it is charged it is among the fees to come: the unit tests.)
    expect(after).toMatchObject({ period: { start: '2026-12-01' }, feesDueKopecks: 0, chargedKopecks: fee, forecastKopecks: fee });
  });
});
