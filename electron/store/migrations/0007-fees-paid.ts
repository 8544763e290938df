import type { Migration } from './index';

export const feesPaid: Migration = {
  version: 7,
  name: 'the first day of the last billing period whose monthly fee a line has paid',
  statements: [`ALTER TABLE lines ADD COLUMN fee_paid_from TEXT`],
};
