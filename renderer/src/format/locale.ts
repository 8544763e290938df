import { numberFormat } from '../../../shared/intlFormats';

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
  return withRealMinus(numberFormat(intlLocale(language), { maximumFractionDigits, minimumFractionDigits: 0 }).formatToParts(value));
}

/** A chart axis's tick label: the same grouping as the rest of the app ("14 000", never "14,000" in Russian). */
export const axisTick =
  (language: string) =>
  (value: number | string): string =>
    typeof value === 'number' ? formatNumber(value, language, 2) : value;

export { russianPluralChoice } from './plural';
