import type { Clock } from '../clock';
import type { IdGenerator } from '../ids';
import type { Repositories } from '../unitOfWork';
import { mailText, type MailNotice } from './mailTexts';
import type { MailKind } from './ports';

/** A notice as an event names it; the number is the line's own. */
export type NoticeEvent = MailNotice extends infer N ? (N extends MailNotice ? Omit<N, 'msisdn'> : never) : never;

/** Where a letter's time and ids come from: the same clock and ids as the event it tells of. */
export interface MailContext {
  clock: Clock;
  ids: IdGenerator;
}

/** The event a notice tells of, as the key that makes queueing it twice add one letter. */
function eventKeyOf(notice: MailNotice): string {
  switch (notice.kind) {
    case 'top-up-receipt':
    case 'transfer-receipt':
      return `receipt:${notice.paymentId}`;
    case 'new-sign-in':
      return `sign-in:${notice.signInId}`;
    case 'password-changed':
      return `password:${notice.eventId}`;
    case 'sim-blocked':
      return `sim-block:${notice.blockId}`;
  }
}

/**
 * Queues the letter for an event in the caller's unit of work, so the letter and the event are written
 * together or not at all. It goes to the profile of the line's subscriber (or to the subscriber named, about
 * their own first number), to the address they
 * confirmed, in the language they last used; a profile without a confirmed address gets no letter.
 * Returns the letter's id (a letter for the same event written before is kept, and this id is then unused), or null
 * when there is nobody to write to.
 */
export async function queueMailNotice(
  repos: Repositories,
  about: { lineId: string } | { subscriberId: string },
  notice: NoticeEvent,
  context: MailContext,
  /** The line and its subscriber's profile, where the caller has just read them (one round trip fewer each). */
  known?: { line: Awaited<ReturnType<Repositories['account']['line']>>; profile: Awaited<ReturnType<Repositories['profiles']['get']>> },
): Promise<string | null> {
  const lineId = 'lineId' in about ? about.lineId : (await repos.profileLines.numbersOf(about.subscriberId)).find((number) => number.relation === 'own')?.lineId;
  const now = context.clock.now();
  // The line and its owner's profile are asked for together: one round trip on a chain's shared store.
  const [line, ofLine] = known
    ? [known.line, known.profile]
    : lineId
      ? await Promise.all([repos.account.line(lineId), repos.profiles.ofLine(lineId, new Date(now).toISOString())])
      : [null, null];
  if (!line || !ofLine) return null;
  const profile = ofLine;
  if (!profile.email || !profile.emailConfirmedAt) return null;
  const full = { ...notice, msisdn: line.msisdn } as MailNotice;
  const language = profile.language ?? 'ru';
  const id = context.ids.next('mail');
  await repos.mailOutbox.enqueue({
    id,
    eventKey: eventKeyOf(full),
    subscriberId: line.subscriberId,
    kind: full.kind satisfies MailKind,
    to: profile.email,
    language,
    ...mailText(full, language, line.region.timeZone),
    createdAt: new Date(now).toISOString(),
    nextAttemptAt: now,
  });
  return id;
}
