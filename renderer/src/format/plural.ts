// Apart from locale.ts: the first screen's i18n needs only this.
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
