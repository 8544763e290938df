import { parsePhoneNumberFromString } from 'libphonenumber-js/mobile';

/** A phone number in E.164 form, e.g. "+79001234567". Only `parseRussianMobile` makes one. */
export type E164 = string & { readonly __brand: 'E164' };

export const PHONE_EXPECTED = 'a Russian mobile number, e.g. +7 900 123-45-67 or 8 900 123-45-67';

/**
 * Parses what a person typed into an E.164 Russian mobile number.
 * "8 900 123-45-67", "+7 (900) 123 45 67" and "9001234567" are the same number.
 * Uses libphonenumber-js's mobile metadata, so landlines and foreign numbers are refused.
 */
export function parseRussianMobile(input: string): E164 | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return null;
  if (!/^[+\d\s()\-.]+$/.test(trimmed)) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'RU');
  if (!parsed || parsed.country !== 'RU' || !parsed.isValid()) return null;
  return parsed.number as E164;
}

/** "+79001234567" → "+7 900 123-45-67", the way an operator prints a number. */
export function formatRussianNumber(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  if (!m) return e164;
  return `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}`;
}
