/**
 * Shows a Russian number as it is typed: "+7 (900) 123-45-67". Accepts what people paste:
 * "8 900 …", "+7 900 …", "900 …". Only presentation: the main side parses the number for real.
 */
export function maskRussianPhone(typed: string): string {
  let digits = typed.replace(/\D/g, '');
  if (digits.length === 0) return typed.trim().startsWith('+') ? '+' : '';
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7')) digits = digits.slice(1);
  else if (digits[0] === '7' || (digits[0] === '8' && digits.length > 1)) digits = digits.slice(1);
  digits = digits.slice(0, 10);
  let out = '+7';
  if (digits.length > 0) out += ` (${digits.slice(0, 3)}`;
  if (digits.length >= 3) out += ')';
  if (digits.length > 3) out += ` ${digits.slice(3, 6)}`;
  if (digits.length > 6) out += `-${digits.slice(6, 8)}`;
  if (digits.length > 8) out += `-${digits.slice(8, 10)}`;
  return out;
}
