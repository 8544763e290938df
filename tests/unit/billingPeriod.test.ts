import { describe, expect, it } from 'vitest';
import { billingPeriodAt } from '../../electron/core/account/billingPeriod';
import { billedUnits, inPackageUnits } from '../../electron/core/account/usageBilling';

describe('the billing period', () => {
  it('starts on the billing day at midnight in the region', () => {
    const period = billingPeriodAt(Date.parse('2026-11-24T12:00:00Z'), 'Europe/Moscow', 5);
    expect(period).toMatchObject({ start: '2026-11-05', end: '2026-12-04', nextChargeDate: '2026-12-05' });
    expect(period.fromIso).toBe('2026-11-04T21:00:00.000Z');
    expect(period.toIso).toBe('2026-12-04T21:00:00.000Z');
  });

  it('before the billing day, the period began last month', () => {
    const period = billingPeriodAt(Date.parse('2026-11-03T12:00:00Z'), 'Europe/Moscow', 5);
    expect(period).toMatchObject({ start: '2026-10-05', end: '2026-11-04', nextChargeDate: '2026-11-05' });
  });

  it('the same instant is a new period in Vladivostok and the old one in Kaliningrad', () => {
    const instant = Date.parse('2026-11-30T20:30:00Z'); // 1 Dec 06:30 in Vladivostok, 30 Nov 22:30 in Kaliningrad
    expect(billingPeriodAt(instant, 'Asia/Vladivostok', 1).start).toBe('2026-12-01');
    expect(billingPeriodAt(instant, 'Europe/Kaliningrad', 1).start).toBe('2026-11-01');
  });

  it('asked again and again as time moves to and fro across a boundary, answers each instant with its own period', () => {
    const boundary = Date.parse('2026-12-04T12:00:00Z'); // 5 Dec 00:00 in Kamchatka
    for (const [instant, start] of [
      [boundary - 1, '2026-11-05'],
      [boundary, '2026-12-05'],
      [boundary - 1, '2026-11-05'],
      [boundary + 40 * 86_400_000, '2027-01-05'],
      [boundary - 1, '2026-11-05'],
    ] as const) {
      expect(billingPeriodAt(instant, 'Asia/Kamchatka', 5).start).toBe(start);
    }
    // The kept answer is shared: nobody may change it.
    expect(Object.isFrozen(billingPeriodAt(boundary, 'Asia/Kamchatka', 5))).toBe(true);
  });

  it('in Kamchatka (UTC+12) a new period begins while it is still the day before in Moscow', () => {
    const instant = Date.parse('2026-12-04T12:00:00Z'); // 5 Dec 00:00 in Petropavlovsk-Kamchatsky, 4 Dec 15:00 in Moscow
    expect(billingPeriodAt(instant, 'Asia/Kamchatka', 5).start).toBe('2026-12-05');
    expect(billingPeriodAt(instant - 1, 'Asia/Kamchatka', 5).start).toBe('2026-11-05');
    expect(billingPeriodAt(instant, 'Europe/Moscow', 5).start).toBe('2026-11-05');
  });

  it('runs across the new year', () => {
    const period = billingPeriodAt(Date.parse('2026-12-20T00:00:00Z'), 'Asia/Novosibirsk', 15);
    expect(period).toMatchObject({ start: '2026-12-15', end: '2027-01-14', nextChargeDate: '2027-01-15' });
  });

  it('refuses a billing day that some months do not have', () => {
    expect(() => billingPeriodAt(0, 'Europe/Moscow', 31)).toThrow(RangeError);
    expect(() => billingPeriodAt(0, 'Mars/Olympus', 1)).toThrow(RangeError);
  });
});

describe('usage billing', () => {
  it('bills a call per started minute', () => {
    expect(billedUnits('voice', 1)).toBe(1);
    expect(billedUnits('voice', 60)).toBe(1);
    expect(billedUnits('voice', 61)).toBe(2);
  });
  it('bills data per started 100 KB and counts megabytes used as started ones', () => {
    expect(billedUnits('data', 1)).toBe(100);
    expect(billedUnits('data', 101)).toBe(200);
    expect(inPackageUnits('data', 1024)).toBe(1);
    expect(inPackageUnits('data', 1100)).toBe(2);
  });
  it('refuses usage that is not a positive whole quantity', () => {
    expect(() => billedUnits('sms', 0)).toThrow(RangeError);
    expect(() => billedUnits('voice', 1.5)).toThrow(RangeError);
  });
});
