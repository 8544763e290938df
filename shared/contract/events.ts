import { z } from 'zod';
import { Preferences } from './settings';

/** Main → renderer events, all on one typed channel. */
export const events = {
  'session.ended': z.object({ reason: z.enum(['signed-out', 'expired']) }),
  'preferences.changed': Preferences,
};

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];
