import { z } from 'zod';
import { Preferences } from './settings';

/** Main → renderer events, all on one typed channel. */
export const events = {
  'session.ended': z.object({ reason: z.enum(['signed-out', 'expired', 'signed-out-everywhere']) }),
  /** The answer to a passwordless sign-in prompt; on `approved` this window is signed in. */
  'confirmation.resolved': z.object({ outcome: z.enum(['approved', 'declined', 'timed-out', 'cancelled']) }),
  'preferences.changed': Preferences,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
