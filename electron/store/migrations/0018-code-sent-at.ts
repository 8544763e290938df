import type { Migration } from './index';

/**
 * When a code's SMS was handed to the SMS centre (issue 19 finding 3). A transfer's code is written with its
 * payment in one transaction and sent after it commits: a code never marked sent was never sent (or its
 * sending was lost), and a retry of the same transfer sends a new one. Codes before this step count as sent.
 */
export const codeSentAt: Migration = {
  version: 18,
  name: 'when a one-time code was sent: a retried transfer whose code never left sends it again',
  statements: [`ALTER TABLE otp_challenges ADD COLUMN sent_at INTEGER`, `UPDATE otp_challenges SET sent_at = created_at`],
};
