import type { Migration } from './index';

/**
 * A one-time code is issued for (number, purpose, subject): a transfer's code for that transfer, an attach
 * code for the profile that asked. Codes issued before this step have the empty subject, which only the ways in
 * (sign-in, registration, recovery) use; a transfer code left pending across the upgrade is asked for again.
 */
export const codesPerSubject: Migration = {
  version: 15,
  name: 'one-time codes per (number, purpose, subject)',
  statements: [
    `ALTER TABLE otp_challenges ADD COLUMN subject TEXT NOT NULL DEFAULT ''`,
    `CREATE INDEX otp_by_subject ON otp_challenges (msisdn, purpose, subject, created_at)`,
  ],
};
