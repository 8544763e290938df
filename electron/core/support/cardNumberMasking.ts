/** Between two groups of a number as people type it: a space (plain or non-breaking), a dash or a dot, up to three of them. */
const SEPARATOR = '[ \\u00a0\\u2009\\u202f.\\-\\u2010-\\u2014]{1,3}';
/** A run of digit groups: the places where a card number may hide. */
const DIGIT_RUN = new RegExp(`\\d+(?:${SEPARATOR}\\d+)*`, 'g');
const MASK = '•';

/** Card numbers (ISO/IEC 7812) have 13–19 digits. */
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
const KEPT_DIGITS = 4;

/** The Luhn check digit test every payment card number passes. */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let index = 0; index < digits.length; index += 1) {
    let digit = digits.charCodeAt(digits.length - 1 - index) - 48;
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/**
 * Masks every card-like number in free text (13–19 digits written together or in groups split by spaces,
 * dashes or dots, passing the Luhn check): each digit but the last four becomes «•», separators stay, so
 * "4111 1111 1111 1111" reads "•••• •••• •••• 1111". A card number need not be alone in its run of digits
 * ("карта 4111 1111 1111 1111 12/28"): whole groups are tried from the left, longest first.
 */
export function maskCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => maskRun(run));
}

function maskRun(run: string): string {
  const groups = [...run.matchAll(/\d+/g)].map((match) => ({ start: match.index, digits: match[0] }));
  const total = groups.reduce((count, group) => count + group.digits.length, 0);
  if (total < MIN_DIGITS) return run;
  const masked = [...run];
  let first = 0;
  while (first < groups.length) {
    const span = cardSpan(groups, first);
    if (!span) {
      first += 1;
      continue;
    }
    let toMask = span.digits - KEPT_DIGITS;
    for (let index = groups[first]!.start; toMask > 0; index += 1) {
      if (/\d/.test(masked[index]!)) {
        masked[index] = MASK;
        toMask -= 1;
      }
    }
    first = span.end;
  }
  return masked.join('');
}

/** The longest span of whole groups from `first` on whose digits look like a card number, if any. */
function cardSpan(groups: Array<{ digits: string }>, first: number): { end: number; digits: number } | null {
  let found: { end: number; digits: number } | null = null;
  let digits = '';
  for (let end = first; end < groups.length; end += 1) {
    digits += groups[end]!.digits;
    if (digits.length > MAX_DIGITS) break;
    if (digits.length >= MIN_DIGITS && passesLuhn(digits)) found = { end: end + 1, digits: digits.length };
  }
  return found;
}
