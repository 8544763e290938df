import { dateTimeFormat } from '../../../shared/intlFormats';

/** "2026-12-05" (a date in the subscriber's region) → "5 декабря" / "December 5", with the year only when it is not this year's. */
export function formatLocalDate(isoDate: string, locale: string, today = new Date()): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return dateTimeFormat(locale === 'en' ? 'en-US' : 'ru-RU', {
    day: 'numeric',
    month: 'long',
    ...(year !== today.getFullYear() ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}

/** "2026-12-15" → "15.12" / "Dec 15": a day of this period, short (a remainder's «до 15.12»). */
export function formatShortLocalDate(isoDate: string, locale: string): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return locale === 'en'
    ? dateTimeFormat('en-US', { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date)
    : dateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', timeZone: 'UTC' }).format(date);
}
