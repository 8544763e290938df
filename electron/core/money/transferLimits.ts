import { DateTime } from 'luxon';
import type { Repositories } from '../unitOfWork';

/** A day in a region's calendar (YYYY-MM-DD): the day a limit counts in, whatever the machine's own zone. */
export function dayInZone(nowMs: number, timeZone: string): string {
  return DateTime.fromMillis(nowMs, { zone: timeZone }).toISODate()!;
}

/**
 * What the line has transferred out today and this calendar month, in its region's calendar. A transfer
 * counts on the day its code was confirmed (the day the money moved), not the day it was started: a
 * transfer started before midnight and confirmed after it is the new day's.
 */
export async function transferredInZone(repos: Repositories, lineId: string, nowMs: number, timeZone: string): Promise<{ today: string; todayKopecks: number; thisMonthKopecks: number }> {
  const today = dayInZone(nowMs, timeZone);
  const monthStart = `${today.slice(0, 8)}01`;
  const [todayKopecks, thisMonthKopecks] = await Promise.all([repos.payments.transfersConfirmed(lineId, today, today), repos.payments.transfersConfirmed(lineId, monthStart, today)]);
  return { today, todayKopecks, thisMonthKopecks };
}
