import { describe, expect, it } from 'vitest';
import { nextChargeOf } from '../../electron/core/account/accountOverview';

const days = (nowIso: string, timeZone: string, date: string) =>
  nextChargeOf({ now: Date.parse(nowIso), timeZone, date, feesKopecks: 50_000, tariffFeeKopecks: 50_000, balanceKopecks: 0, blocked: false }).inDays;

describe('days to the next charge', () => {
  it('are whole days of the region’s calendar, across a change of clocks too', () => {
    // Berlin moves its clocks forward on 29 March 2026 and back on 25 October 2026: those days are 23 and 25 hours long.
    expect(days('2026-03-28T12:00:00Z', 'Europe/Berlin', '2026-03-30')).toBe(2);
    expect(days('2026-10-24T12:00:00Z', 'Europe/Berlin', '2026-10-26')).toBe(2);
    // Late evening in UTC is already the next day in Novosibirsk (UTC+7).
    expect(days('2026-12-29T18:00:00Z', 'Asia/Novosibirsk', '2027-01-01')).toBe(2);
    expect(days('2026-12-29T16:59:00Z', 'Asia/Novosibirsk', '2027-01-01')).toBe(3);
  });

  it('are 0 on the day itself and never below', () => {
    expect(days('2026-12-20T08:00:00Z', 'Europe/Moscow', '2026-12-20')).toBe(0);
    expect(days('2026-12-22T08:00:00Z', 'Europe/Moscow', '2026-12-20')).toBe(0);
  });
});
