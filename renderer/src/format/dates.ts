/** "2026-12-05" (a date in the subscriber's region) → "5 декабря" / "December 5", with the year only when it is not this year's. */
export function formatLocalDate(isoDate: string, locale: string, today = new Date()): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : 'ru-RU', {
    day: 'numeric',
    month: 'long',
    ...(year !== today.getFullYear() ? { year: 'numeric' } : {}),
    timeZone: 'UTC',
  }).format(date);
}
