import type { Migration } from './index';

export const socialIdentities: Migration = {
  version: 3,
  name: 'social identities (VK ID, OK, Facebook) linked to a subscriber line',
  statements: [
    `CREATE TABLE social_identities (
       provider TEXT NOT NULL CHECK (provider IN ('vk', 'ok', 'facebook')),
       subject TEXT NOT NULL,
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       line_id TEXT NOT NULL REFERENCES lines(id),
       linked_at TEXT NOT NULL,
       PRIMARY KEY (provider, subject)
     )`,
  ],
};
