import { z } from 'zod';
import { Preferences } from './settings';
import { LineAlert } from './profile';

/** Main → renderer events, all on one typed channel. */
export const events = {
  'session.ended': z.object({ reason: z.enum(['signed-out', 'expired', 'signed-out-everywhere', 'ended-elsewhere', 'password-changed']) }),
  /** The answer to a passwordless sign-in prompt; on `approved` this window is signed in. */
  'confirmation.resolved': z.object({ outcome: z.enum(['approved', 'declined', 'timed-out', 'cancelled']) }),
  /** The signed-in line's balance or remainders changed (usage was rated, money moved). */
  'account.changed': z.object({}),
  /** The end of a social sign-in in the system browser; on `signed-in` this window is signed in. */
  'social.resolved': z.object({
    provider: z.enum(['vk', 'ok', 'facebook']),
    outcome: z.enum(['signed-in', 'not-linked', 'linked', 'already-linked', 'state-mismatch', 'provider-error', 'timed-out', 'cancelled']),
  }),
  'preferences.changed': Preferences,
  /** How far this window's detail export is (0–1); sent to the window that asked for it only. */
  'export.progress': z.object({ share: z.number().min(0).max(1) }),
  /** Something the subscriber asked to be told about (low balance, a package nearly used up, …). */
  'alert.raised': LineAlert,
  /** The desktop's tray asks the window to open a screen (a quick action: top up, promised payment). */
  'app.navigate': z.object({ screen: z.enum(['home', 'top-up', 'promised']) }),
  /** A new version of the app is being downloaded in the background, is ready, or could not be fetched. */
  'update.status': z.discriminatedUnion('state', [
    z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().int().min(0).max(100) }),
    /** `installsOnQuit` is false where staff decide (kiosk mode): then the app never installs it by itself. */
    z.object({ state: z.literal('ready'), version: z.string(), installsOnQuit: z.boolean() }),
    z.object({ state: z.literal('failed'), version: z.string() }),
  ]),
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
