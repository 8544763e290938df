import { numberFormat } from './intlFormats';

/** Money is integer kopecks everywhere; this is the one place it becomes text. */
export function formatRubles(kopecks: number, locale: string): string {
  if (!Number.isSafeInteger(kopecks)) throw new RangeError(`kopecks must be a safe integer, got ${kopecks}`);
  const formatter = numberFormat(locale === 'en' ? 'en-US' : 'ru-RU', {
    style: 'currency',
    currency: 'RUB',
    minimumFractionDigits: kopecks % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  });
  // The typographic minus (U+2212), not the hyphen Intl writes: «−23,40 ₽».
  return formatter
    .formatToParts(kopecks / 100)
    .map((part) => (part.type === 'minusSign' ? '\u2212' : part.value))
    .join('');
}

/**
 * An amount in rubles as a person types it ("500", "1 000", "99,50", "99.5") → kopecks; null when it is
 * not a positive amount with at most two decimals.
 */
export function parseRubles(text: string): number | null {
  const compact = text.replace(/[\s\u00a0₽]/g, '').replace(',', '.');
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(compact)) return null;
  const [whole, fraction = ''] = compact.split('.');
  const kopecks = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return kopecks > 0 ? kopecks : null;
}
