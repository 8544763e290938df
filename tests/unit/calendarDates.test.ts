import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isValidIso, monthWeeks, parseTypedDate, typedDate, weekdayIndex } from '../../renderer/src/ui/calendarDates';

describe('the date picker’s calendar', () => {
  it('reads a day as a Russian or English speaker types it, or as ISO; refuses days that do not exist', () => {
    expect(parseTypedDate('20.11.2026')).toBe('2026-11-20');
    expect(parseTypedDate(' 1.2.2027 ')).toBe('2027-02-01');
    expect(parseTypedDate('20/11/2026')).toBe('2026-11-20');
    expect(parseTypedDate('2026-11-20')).toBe('2026-11-20');
    expect(parseTypedDate('31.02.2026')).toBeNull();
    expect(parseTypedDate('11/20/2026')).toBeNull();
    expect(parseTypedDate('')).toBeNull();
    expect(isValidIso('2028-02-29')).toBe(true);
    expect(isValidIso('2026-02-29')).toBe(false);
  });
  it('writes it back in the language', () => {
    expect(typedDate('2026-03-05', 'ru')).toBe('05.03.2026');
    expect(typedDate('2026-03-05', 'en')).toBe('05/03/2026');
  });
  it('weeks start on Monday and months have their days', () => {
    expect(weekdayIndex('2026-11-30')).toBe(0);
    const weeks = monthWeeks(2026, 11); // 1 Nov 2026 is a Sunday
    expect(weeks[0]).toEqual([null, null, null, null, null, null, '2026-11-01']);
    expect(weeks.flat().filter(Boolean)).toHaveLength(30);
    expect(weeks.at(-1)![0]).toBe('2026-11-30');
  });
  it('moves by days and months across their ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -12)).toBe('2025-01-15');
  });
});
