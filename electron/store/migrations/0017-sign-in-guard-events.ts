import type { Migration } from './index';

/**
 * What the sign-in guard counts (issue 17): each message sent to a phone before sign-in (an SMS code of a way in,
 * a passwordless prompt) and each code or PUK tried, with the number and the device that asked; and each wrong PUK
 * for a number without a PUK of ours, so that its answers run out as a subscriber's do. Kept for every number
 * alike, served or not.
 */
export const signInGuardEvents: Migration = {
  version: 17,
  name: 'sign-in guard events: messages to phones and tries, per number and per device',
  statements: [
    `CREATE TABLE sign_in_guard_events (
      kind TEXT NOT NULL,
      msisdn TEXT NOT NULL,
      device TEXT NOT NULL,
      at INTEGER NOT NULL
    )`,
    `CREATE INDEX sign_in_guard_by_number ON sign_in_guard_events (kind, msisdn, at)`,
    `CREATE INDEX sign_in_guard_by_device ON sign_in_guard_events (kind, device, at)`,
    `CREATE INDEX sign_in_guard_by_time ON sign_in_guard_events (at)`,
  ],
};
