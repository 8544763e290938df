/**
 * `Intl` formatters made once per locale and options, then reused. Making one is the slow part (Chromium loads the
 * locale's data and builds a pattern each time: a main screen formats a few dozen amounts and dates, and a new
 * `Intl.NumberFormat` for each was 50–60 ms of the sign-in → main screen's main thread under bench:ui); formatting
 * with one already made is cheap. A formatter has no state between calls, so sharing one gives the same text.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

const keyOf = (locale: string, options: object) => `${locale}|${JSON.stringify(options)}`;

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = keyOf(locale, options);
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)));
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  const key = keyOf(locale, options);
  let format = dateTimeFormats.get(key);
  if (!format) dateTimeFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}
