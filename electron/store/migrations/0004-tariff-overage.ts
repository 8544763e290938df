import type { Migration } from './index';

export const tariffOverage: Migration = {
  version: 4,
  name: 'what usage beyond the packages costs, per tariff',
  statements: [
    `CREATE TABLE tariff_overage (
       tariff_id TEXT PRIMARY KEY REFERENCES tariffs(id),
       voice_per_minute_kopecks INTEGER NOT NULL CHECK (voice_per_minute_kopecks >= 0),
       sms_each_kopecks INTEGER NOT NULL CHECK (sms_each_kopecks >= 0),
       data_per_mb_kopecks INTEGER NOT NULL CHECK (data_per_mb_kopecks >= 0)
     )`,
    `ALTER TABLE usage_events ADD COLUMN charged_kopecks INTEGER NOT NULL DEFAULT 0`,
  ],
};
