import { describe, expect, it } from 'vitest';
import { forecastSpend, type ForecastInput } from '../../electron/core/budget/spendForecast';
import { chargesDueBetween, nextPeriodStart } from '../../electron/core/subscriptions/contentSubscriptions';

const HOUR = 3600_000;
const base = (over: Partial<ForecastInput>): ForecastInput => ({
  nowMs: Date.parse('2026-11-16T00:00:00Z'),
  timeZone: 'Europe/Moscow',
  billingDay: 1,
  movements: [],
  monthlyFeeKopecks: 0,
  paysMonthlyFee: true,
  contentDueKopecks: 0,
  minElapsedMs: 24 * HOUR,
  ...over,
});

describe('the spend forecast', () => {
  it('keeps what the period charged, adds the fees still due, and projects usage to the period end at its rate so far', () => {
    // Moscow, billing day 1: the period is 2026-11-01T00:00+03 … 2026-12-01T00:00+03; now is 15 days and 3 hours in.
    const forecast = forecastSpend(
      base({
        movements: [
          { at: '2026-10-31T20:59:00Z', kind: 'usage', amountKopecks: -5_000 }, // 23:59 Moscow on 31 Oct: the last period
          { at: '2026-10-31T21:00:00Z', kind: 'monthly-fee', amountKopecks: -40_000 },
          { at: '2026-11-05T10:00:00Z', kind: 'usage', amountKopecks: -2_000 },
          { at: '2026-11-10T10:00:00Z', kind: 'usage', amountKopecks: -3_000 },
          { at: '2026-11-11T10:00:00Z', kind: 'top-up', amountKopecks: 50_000 },
          { at: '2026-11-12T10:00:00Z', kind: 'mobile-transfer', amountKopecks: -10_500 },
          // A line that started with a debt: not this period's spend.
          { at: '2026-11-02T10:00:00Z', kind: 'opening-balance', amountKopecks: -2_340 },
          { at: '2026-11-13T10:00:00Z', kind: 'service-fee', amountKopecks: -9_900 },
        ],
        monthlyFeeKopecks: 40_000,
        contentDueKopecks: 4_900,
      }),
    );
    expect(forecast.period).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
    expect(forecast.usageKopecks).toBe(5_000);
    expect(forecast.chargedKopecks).toBe(40_000 + 5_000 + 9_900);
    // 5,000 kopecks over 15 d 3 h; 14 d 21 h left.
    const elapsed = Date.parse('2026-11-16T00:00:00Z') - Date.parse('2026-10-31T21:00:00Z');
    const left = Date.parse('2026-11-30T21:00:00Z') - Date.parse('2026-11-16T00:00:00Z');
    expect(forecast.projectedUsageKopecks).toBe(Math.round((5_000 * left) / elapsed));
    // The fee was charged this period: only the content fee is still due.
    expect(forecast.feesDueKopecks).toBe(4_900);
    expect(forecast.forecastKopecks).toBe(forecast.chargedKopecks + 4_900 + forecast.projectedUsageKopecks);
  });

  it('follows the region’s calendar: in Vladivostok the new period starts at its own midnight, hours before Moscow’s', () => {
    // 2026-11-30T14:30Z is 1 Dec 00:30 in Vladivostok (UTC+10) and still 30 Nov 17:30 in Moscow.
    const nowMs = Date.parse('2026-11-30T14:30:00Z');
    const movements = [
      { at: '2026-11-30T13:59:00Z', kind: 'usage', amountKopecks: -7_000 }, // 23:59 in Vladivostok on 30 Nov
      { at: '2026-11-30T14:10:00Z', kind: 'usage', amountKopecks: -1_000 }, // 00:10 on 1 Dec there
    ];
    const east = forecastSpend(base({ nowMs, timeZone: 'Asia/Vladivostok', movements, monthlyFeeKopecks: 30_000 }));
    expect(east.period).toMatchObject({ start: '2026-12-01', end: '2026-12-31', fromIso: '2026-11-30T14:00:00.000Z' });
    expect(east.usageKopecks).toBe(1_000);
    // Half an hour in, the rate is taken over the shortest stretch the operator data allows (a day), not 30 minutes.
    const left = Date.parse('2026-12-31T14:00:00Z') - nowMs;
    expect(east.projectedUsageKopecks).toBe(Math.round((1_000 * left) / (24 * HOUR)));
    // The new period's fee has not been charged yet: it is still due.
    expect(east.feesDueKopecks).toBe(30_000);
    const west = forecastSpend(base({ nowMs, timeZone: 'Europe/Moscow', movements, monthlyFeeKopecks: 30_000 }));
    expect(west.period).toMatchObject({ start: '2026-11-01', end: '2026-11-30' });
    expect(west.usageKopecks).toBe(8_000);
  });

  it('a blocked SIM pays no monthly fee, and a forecast without usage is what was charged plus fees due', () => {
    const forecast = forecastSpend(base({ monthlyFeeKopecks: 30_000, paysMonthlyFee: false, contentDueKopecks: 900 }));
    expect(forecast).toMatchObject({ chargedKopecks: 0, projectedUsageKopecks: 0, feesDueKopecks: 900, forecastKopecks: 900 });
  });
});

describe('content periods', () => {
  it('a monthly period follows the region’s calendar month; a day is a calendar day there', () => {
    expect(nextPeriodStart('2026-01-30T21:00:00.000Z', 'month', 'Europe/Moscow')).toBe('2026-02-27T21:00:00.000Z'); // 31 Jan → 28 Feb, midnight in Moscow
    // …and then back to the 31st: months count from the first start, never drifting to the 28th.
    expect(nextPeriodStart('2026-02-27T21:00:00.000Z', 'month', 'Europe/Moscow', '2026-01-30T21:00:00.000Z')).toBe('2026-03-30T21:00:00.000Z');
    expect(nextPeriodStart('2026-03-30T21:00:00.000Z', 'month', 'Europe/Moscow', '2026-01-30T21:00:00.000Z')).toBe('2026-04-29T21:00:00.000Z');
    expect(nextPeriodStart('2026-11-30T14:00:00.000Z', 'day', 'Asia/Vladivostok')).toBe('2026-12-01T14:00:00.000Z');
    expect(nextPeriodStart('2026-11-01T00:00:00.000Z', 'week', 'Europe/Moscow')).toBe('2026-11-08T00:00:00.000Z');
  });

  it('counts the period starts inside a window, ends excluded', () => {
    const from = Date.parse('2026-11-01T00:00:00Z');
    const to = Date.parse('2026-11-15T00:00:00Z');
    expect(chargesDueBetween('2026-11-01T00:00:00.000Z', 'week', 'UTC', from, to)).toBe(1);
    expect(chargesDueBetween('2026-11-01T00:00:00.000Z', 'week', 'UTC', from - 1, to)).toBe(2);
    expect(chargesDueBetween('2026-11-01T00:00:00.000Z', 'day', 'UTC', from - 1, to)).toBe(14);
  });
});
