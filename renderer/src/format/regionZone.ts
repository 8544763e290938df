import { ref } from 'vue';
import { dateTimeFormat } from '../../../shared/intlFormats';

/**
 * (What the first screen needs: the sign-in's retry time, the account store's setter. The long formats are in zone.ts.)
 *
 * The subscriber's region's time zone (IANA, from the operator's regions): every time the app shows is in it and
 * labelled against Moscow's («МСК+4»), whatever the computer's own zone is. Set when the line's overview arrives;
 * before sign-in (kiosk staff, diagnostics) the computer's zone is used, labelled the same way.
 */
export const regionZone = ref<string | null>(null);

export function setRegionZone(timeZone: string | null): void {
  regionZone.value = timeZone;
}

const MOSCOW = 'Europe/Moscow';

/** Minutes east of UTC of `timeZone` at `at`. */
export function utcOffsetMinutes(timeZone: string, at: Date): number {
  const name = dateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-−])(\d{2}):(\d{2})/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '+' ? minutes : -minutes;
}

/** «МСК», «МСК+4», «МСК−1» / "MSK+4": the zone as Russians name it, from its UTC offset against Moscow's at `at`. */
export function zoneLabel(timeZone: string, language: string, at: Date = new Date()): string {
  const difference = utcOffsetMinutes(timeZone, at) - utcOffsetMinutes(MOSCOW, at);
  const base = language.startsWith('en') ? 'MSK' : 'МСК';
  if (difference === 0) return base;
  const hours = Math.floor(Math.abs(difference) / 60);
  const minutes = Math.abs(difference) % 60;
  return `${base}${difference > 0 ? '+' : '\u2212'}${hours}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
}

/** The zone times are shown in: the region's, or the computer's before a line is known. */
export function shownZone(): string {
  return regionZone.value ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "14:05 МСК+4" today, "25 нояб., 00:00 МСК+4" another day (today in the same zone). */
export function formatRetryTime(iso: string, language: string, now = new Date(), timeZone: string = shownZone()): string {
  const at = new Date(iso);
  const day = (date: Date) => dateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
  const options: Intl.DateTimeFormatOptions = day(at) === day(now) ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return `${dateTimeFormat(language.startsWith('en') ? 'en-US' : 'ru-RU', { ...options, timeZone }).format(at)} ${zoneLabel(timeZone, language, at)}`;
}
