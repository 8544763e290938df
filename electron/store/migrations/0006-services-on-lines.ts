import type { Migration } from './index';

export const servicesOnLines: Migration = {
  version: 6,
  name: 'service packages, incompatibilities, and the services connected on each line',
  statements: [
    `CREATE TABLE service_packages (
       service_id TEXT NOT NULL REFERENCES services(id),
       kind TEXT NOT NULL CHECK (kind IN ('voice', 'sms', 'data')),
       amount INTEGER NOT NULL CHECK (amount > 0),
       PRIMARY KEY (service_id, kind)
     )`,
    `CREATE TABLE service_incompatibilities (
       service_id TEXT NOT NULL REFERENCES services(id),
       other_kind TEXT NOT NULL CHECK (other_kind IN ('tariff', 'service')),
       other_id TEXT NOT NULL,
       PRIMARY KEY (service_id, other_kind, other_id)
     )`,
    `CREATE TABLE line_services (
       line_id TEXT NOT NULL REFERENCES lines(id),
       service_id TEXT NOT NULL REFERENCES services(id),
       connected_at TEXT NOT NULL,
       PRIMARY KEY (line_id, service_id)
     )`,
  ],
};
