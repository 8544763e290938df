import { dateTimeFormat } from '../../../shared/intlFormats';
import { shownZone, zoneLabel } from './regionZone';

export { formatRetryTime, regionZone, setRegionZone, shownZone, utcOffsetMinutes, zoneLabel } from './regionZone';

/** "24 ноября 2026, 14:05 МСК+4" — an instant in the region's zone, labelled. */
export function formatInstant(iso: string, language: string, timeZone: string = shownZone()): string {
  const at = new Date(iso);
  const text = dateTimeFormat(language.startsWith('en') ? 'en-GB' : 'ru-RU', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
  return `${text} ${zoneLabel(timeZone, language, at)}`;
}

/** "03.12.2026, 14:05 МСК+4": the short form, for tables. */
export function formatShortInstant(iso: string, language: string, timeZone: string = shownZone()): string {
  const at = new Date(iso);
  const text = dateTimeFormat(language.startsWith('en') ? 'en-GB' : 'ru-RU', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(at);
  return `${text} ${zoneLabel(timeZone, language, at)}`;
}

