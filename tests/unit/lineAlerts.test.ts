import { describe, expect, it } from 'vitest';
import type { AccountOverview } from '../../shared/contract/account';
import { alertsFor, type AlertMemo } from '../../electron/core/profile/lineAlerts';
import { defaultNotifications, type NotificationPreferences } from '../../electron/core/profile/ports';

const now = Date.parse('2026-11-24T09:00:00Z');
function overview(balanceKopecks: number, dataLeft = 10_000, promised: AccountOverview['promisedPayment'] = null): AccountOverview {
  return {
    msisdn: '+79001234567',
    subscriberName: 'Анна',
    lineStatus: 'active',
    region: { id: 'moscow', name: { ru: 'Москва', en: 'Moscow' }, timeZone: 'Europe/Moscow' },
    tariff: { id: 't', name: { ru: 'Т', en: 'T' }, monthlyFeeKopecks: 50_000 },
    balanceKopecks,
    period: { start: '2026-11-01', end: '2026-11-30', nextChargeDate: '2026-12-01' },
    remainders: [{ kind: 'data', unit: 'mb', total: 10_000, used: 10_000 - dataLeft, left: dataLeft, rolledOver: 0 }],
    nextCharge: { date: '2026-12-01', inDays: 7, amountKopecks: 50_000, servicesKopecks: 0, shortfallKopecks: Math.max(0, 50_000 - balanceKopecks), waivedWhileBlocked: false },
    promisedPayment: promised,
    asOf: new Date(now).toISOString(),
  };
}
const preferences = { ...defaultNotifications, lowBalanceKopecks: 10_000, packagePercent: 10 };

/** Feeds the line's states one after another, as changes arrive; returns the kinds of alert each raised. */
function run(states: AccountOverview[], prefs: NotificationPreferences = preferences): string[][] {
  let memo: AlertMemo | undefined;
  return states.map((state) => {
    const result = alertsFor(memo, state, prefs, now);
    memo = result.memo;
    return result.alerts.map((alert) => alert.kind);
  });
}

describe('alerts by the subscriber’s preferences', () => {
  it('the first look only remembers: what was already so is not news', () => {
    expect(run([overview(5_000, 100)])).toEqual([[]]);
  });

  it('the balance going below the threshold is said once per crossing, at the threshold itself not yet', () => {
    expect(run([overview(20_000), overview(10_000), overview(9_999), overview(9_000), overview(15_000), overview(9_000)])).toEqual([
      [],
      [],
      ['low-balance'],
      [],
      ['payment-arrived'],
      ['low-balance'],
    ]);
  });

  it('a package reaching its last 10 % is said once in the period', () => {
    expect(run([overview(50_000, 2_000), overview(50_000, 1_001), overview(50_000, 1_000), overview(50_000, 500)])).toEqual([[], [], ['package-low'], []]);
  });

  it('a promised payment due within a day is said once; one due later is not yet', () => {
    const later = { owedKopecks: 10_000, dueAt: new Date(now + 2 * 24 * 3600_000).toISOString() };
    const soon = { owedKopecks: 10_000, dueAt: new Date(now + 23 * 3600_000).toISOString() };
    expect(run([overview(50_000, 5_000, later), overview(50_000, 5_000, soon), overview(50_000, 5_000, soon)])).toEqual([[], ['promised-due'], []]);
  });

  it('what the subscriber turned off is never said', () => {
    const off = { lowBalanceKopecks: null, packagePercent: null, promisedDue: false, paymentArrived: false };
    expect(run([overview(20_000, 5_000), overview(1_000, 10), overview(30_000, 10)], off)).toEqual([[], [], []]);
  });
});
