import cardValidator from 'card-validator';

/**
 * Bank card checks, the same in the renderer (as the person types) and in the contract (at the edge).
 * card-validator (Braintree's) knows the brands' prefixes and lengths, the Luhn check and expiry rules,
 * which are easy to get subtly wrong by hand; what is ours is the words and the field names.
 */
export type CardField = 'number' | 'expiry' | 'cvc';

export interface CardInput {
  number: string;
  /** "MM/YY" or "MM/YYYY", as printed on the card. */
  expiry: string;
  cvc: string;
}

export interface CardProblem {
  field: CardField;
  expected: string;
}

export const CARD_EXPECTED: Record<CardField, string> = {
  number: 'a card number of 16–19 digits that passes the Luhn check (Visa, Mastercard, Mir)',
  expiry: 'the expiry date as MM/YY, not in the past',
  cvc: 'the 3 digits from the back of the card',
};

/** The digits of a number typed with spaces or dashes; null when anything else is in it. */
export function cardDigits(raw: string): string | null {
  const compact = raw.replace(/[\s-]/g, '');
  return /^\d+$/.test(compact) ? compact : null;
}

export interface CardBrand {
  /** card-validator's type, e.g. "visa", "mastercard", "mir". */
  type: string;
  niceType: string;
  cvcLength: number;
}

/** The brand a (possibly partial) number points to, for the icon and the CVC length as the person types. */
export function cardBrand(raw: string): CardBrand | null {
  const digits = cardDigits(raw);
  if (digits === null) return null;
  const card = cardValidator.number(digits).card;
  return card ? { type: card.type, niceType: card.niceType, cvcLength: card.code.size } : null;
}

/** Groups the digits in fours the way cards print them. */
export function formatCardNumber(raw: string): string {
  const digits = raw.replace(/\D/g, '').slice(0, 19);
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

export interface ParsedCard {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
  brand: string;
  last4: string;
}

/** How far ahead an expiry may be: cards are issued for a few years, not decades (card-validator's limit too). */
const MAX_YEARS_AHEAD = 19;

/**
 * Every problem of a card, each naming its field; an empty list means `parseCard` succeeds.
 * `nowMs` is the caller's clock: on the main side the app's clock, never the machine's, decides whether a
 * card has expired. `null` judges the form only (the contract has no clock; the core then judges the date).
 */
export function cardProblems(input: CardInput, nowMs: number | null): CardProblem[] {
  const problems: CardProblem[] = [];
  const digits = cardDigits(input.number);
  const number = digits === null ? null : cardValidator.number(digits);
  if (!number?.isValid) problems.push({ field: 'number', expected: CARD_EXPECTED.number });
  // card-validator's expirationDate would judge the date by the machine's clock: the form is parsed here.
  const expiryDate = expiryParts(input.expiry);
  if (!expiryDate || (nowMs !== null && !expiryGoodAt(expiryDate, nowMs))) problems.push({ field: 'expiry', expected: CARD_EXPECTED.expiry });
  const cvcLength = number?.card?.code.size ?? 3;
  if (!cardValidator.cvv(input.cvc, cvcLength).isValid) {
    problems.push({ field: 'cvc', expected: cvcLength === 3 ? CARD_EXPECTED.cvc : `the ${cvcLength} digits of the card's security code` });
  }
  return problems;
}

/** The card as the acquirer needs it, or null when anything is wrong (`nowMs` as for `cardProblems`). */
export function parseCard(input: CardInput, nowMs: number | null): ParsedCard | null {
  if (cardProblems(input, nowMs).length > 0) return null;
  const number = cardDigits(input.number)!;
  const { month, year } = expiryParts(input.expiry)!;
  return { number, expMonth: month, expYear: year, cvc: input.cvc, brand: cardValidator.number(number).card!.type, last4: number.slice(-4) };
}

function expiryParts(raw: string): { month: number; year: number } | null {
  const match = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(raw);
  if (!match) return null;
  const month = Number(match[1]);
  const year = match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

/**
 * A card is good through the last day of its expiry month (in UTC: the bank's, not the machine's calendar),
 * and an expiry more than 19 years ahead of `nowMs` is a typing mistake.
 */
export function expiryGoodAt({ month, year }: { month: number; year: number }, nowMs: number): boolean {
  const now = new Date(nowMs);
  const thisYear = now.getUTCFullYear();
  const expired = year < thisYear || (year === thisYear && month < now.getUTCMonth() + 1);
  return !expired && year <= thisYear + MAX_YEARS_AHEAD;
}
