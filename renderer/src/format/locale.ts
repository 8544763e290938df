/** The one place the app's language becomes an `Intl` locale, and numbers become text. */
export type AppLanguage = 'ru' | 'en';

export const intlLocale = (language: string): string => (language.startsWith('en') ? 'en-US' : 'ru-RU');

/** The typographic minus (U+2212): what Russian typesetting and Intl's own data call for, never a hyphen. */
export const MINUS = '\u2212';

/** Intl writes a hyphen-minus for negatives in most engines: put the real minus in its place. */
export function withRealMinus(parts: Intl.NumberFormatPart[]): string {
  return parts.map((part) => (part.type === 'minusSign' ? MINUS : part.value)).join('');
}

/** "1 500", "−23,4", "8,8" / "1,500", "−23.4" in the app's language. */
export function formatNumber(value: number, language: string, maximumFractionDigits = 0): string {
  return withRealMinus(new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits, minimumFractionDigits: 0 }).formatToParts(value));
}

/** A chart axis's tick label: the same grouping as the rest of the app ("14 000", never "14,000" in Russian). */
export const axisTick =
  (language: string) =>
  (value: number | string): string =>
    typeof value === 'number' ? formatNumber(value, language, 2) : value;

/**
 * Russian plural choice for vue-i18n messages written as "форма для 1 | для 2–4 | для 5–20" ("21 минута", "22
 * минуты", "25 минут", "11 минут"); fractions take the second form ("1,5 минуты"); a fourth form first is for zero.
 */
export function russianPluralChoice(count: number, choicesLength: number): number {
  const n = Math.abs(count);
  if (choicesLength < 3) return n === 1 ? 0 : 1;
  // Four forms: "for none | one | few | many" («сегодня | через 1 день | через 2 дня | через 5 дней»).
  if (choicesLength >= 4) return n === 0 ? 0 : 1 + russianPluralChoice(n, 3);
  if (!Number.isInteger(n)) return 1;
  const tens = n % 100;
  const ones = n % 10;
  if (tens >= 11 && tens <= 14) return 2;
  if (ones === 1) return 0;
  if (ones >= 2 && ones <= 4) return 1;
  return 2;
}
