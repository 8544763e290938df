import { formatRubles } from '../../../shared/money';
import { formatLocalDate, formatShortLocalDate } from './dates';
import { formatNumber } from './locale';

/**
 * Makes the main screen's number and date formatters while the sign-in screen waits for a person to type, so that
 * «Войти» does not pay for them. A window's first `Intl.NumberFormat` costs 50–170 ms (the engine loads its number
 * data then; bench:ui's profile showed it inside sign-in → main screen), every later one a fraction of a
 * millisecond; the formatters made here are the very ones the screen uses (shared/intlFormats keeps them).
 */
export function prepareFormats(language: string): void {
  const lang = language === 'en' ? 'en' : 'ru';
  // Whole rubles and rubles with kopecks are two formatters; remainders use whole numbers and tenths (GB).
  formatRubles(100, lang);
  formatRubles(150, lang);
  formatNumber(1, lang);
  formatNumber(1.5, lang, 1);
  const today = new Date().toISOString().slice(0, 10);
  formatLocalDate(today, lang);
  formatShortLocalDate(today, lang);
}
