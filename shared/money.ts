/** Money is integer kopecks everywhere; this is the one place it becomes text. */
export function formatRubles(kopecks: number, locale: string): string {
  if (!Number.isSafeInteger(kopecks)) throw new RangeError(`kopecks must be a safe integer, got ${kopecks}`);
  const formatter = new Intl.NumberFormat(locale === 'en' ? 'en-US' : 'ru-RU', {
    style: 'currency',
    currency: 'RUB',
    minimumFractionDigits: kopecks % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  });
  return formatter.format(kopecks / 100);
}
