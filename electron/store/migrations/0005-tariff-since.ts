import type { Migration } from './index';

export const tariffSince: Migration = {
  version: 5,
  name: 'when a line moved to its tariff: its packages count usage from then',
  statements: [`ALTER TABLE lines ADD COLUMN tariff_since TEXT`],
};
