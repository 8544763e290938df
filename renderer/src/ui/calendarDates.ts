/** Calendar arithmetic on "YYYY-MM-DD" days (no time, no zone): what the date picker moves through. */

export function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function parts(iso: string): [number, number, number] {
  return iso.split('-').map(Number) as [number, number, number];
}

const utc = (iso: string) => {
  const [year, month, day] = parts(iso);
  return new Date(Date.UTC(year, month - 1, day));
};
const fromUtc = (date: Date) => toIso(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());

export function isValidIso(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return fromUtc(utc(text)) === text;
}

export function addDays(iso: string, days: number): string {
  const date = utc(iso);
  date.setUTCDate(date.getUTCDate() + days);
  return fromUtc(date);
}

/** The same day `months` later, or the month's last day when it has fewer days (31 Jan + 1 month → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [year, month, day] = parts(iso);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return toIso(first.getUTCFullYear(), first.getUTCMonth() + 1, Math.min(day, last));
}

/** 0 = Monday … 6 = Sunday: a Russian (and ISO) week starts on Monday. */
export function weekdayIndex(iso: string): number {
  return (utc(iso).getUTCDay() + 6) % 7;
}

/** The month's weeks, Monday first; days of the neighbouring months are null. */
export function monthWeeks(year: number, month: number): Array<Array<string | null>> {
  const first = toIso(year, month, 1);
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const cells: Array<string | null> = Array.from({ length: weekdayIndex(first) }, () => null);
  for (let day = 1; day <= days; day += 1) cells.push(toIso(year, month, day));
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, week) => cells.slice(week * 7, week * 7 + 7));
}

/** "20.11.2026" (ru) or "20/11/2026" (en) as typed, or "2026-11-20" → the ISO day; null when it is no real day. */
export function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (isValidIso(trimmed)) return trimmed;
  const match = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})$/.exec(trimmed);
  if (!match) return null;
  const iso = toIso(Number(match[3]), Number(match[2]), Number(match[1]));
  return isValidIso(iso) ? iso : null;
}

/** The ISO day as a person types it in the language: "20.11.2026" / "20/11/2026". */
export function typedDate(iso: string, language: string): string {
  const [year, month, day] = parts(iso);
  const separator = language === 'en' ? '/' : '.';
  return [String(day).padStart(2, '0'), String(month).padStart(2, '0'), String(year)].join(separator);
}
