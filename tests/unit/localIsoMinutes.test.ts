import { describe, expect, it } from 'vitest';
import { localIsoMinutes } from '../../electron/exports/detailTexts';

describe('a detail CSV time: local, ISO 8601 with offset, to the minute', () => {
  it.each([
    ['Europe/Moscow', '2026-12-03T10:05:59.999Z', '2026-12-03T13:05+03:00'],
    ['Asia/Novosibirsk', '2026-12-31T17:30:00Z', '2027-01-01T00:30+07:00'],
    ['Europe/Kaliningrad', '2026-07-01T00:00:00Z', '2026-07-01T02:00+02:00'],
    ['UTC', '2026-07-01T00:00:00Z', '2026-07-01T00:00+00:00'],
    ['America/New_York', '2026-07-01T12:00:00Z', '2026-07-01T08:00-04:00'],
  ])('%s: %s → %s', (zone, iso, local) => {
    expect(localIsoMinutes(zone)(iso)).toBe(local);
    expect(new Date(local).getTime()).toBe(Math.floor(Date.parse(iso) / 60_000) * 60_000);
  });
});
