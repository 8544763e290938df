import type { Migration } from './index';

export const support: Migration = {
  version: 13,
  name: 'support requests with message threads and screenshot attachments; the knowledge base and its full-text index',
  statements: [
    `CREATE TABLE support_requests (
       id TEXT PRIMARY KEY,
       subscriber_id TEXT NOT NULL REFERENCES subscribers(id),
       line_id TEXT NOT NULL REFERENCES lines(id),
       topic TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('new', 'in-work', 'answered', 'closed')),
       created_at TEXT NOT NULL,
       updated_at TEXT NOT NULL,
       idempotency_key TEXT NOT NULL,
       UNIQUE (subscriber_id, idempotency_key)
     )`,
    `CREATE INDEX support_requests_by_subscriber ON support_requests (subscriber_id, updated_at)`,
    `CREATE TABLE support_messages (
       id TEXT PRIMARY KEY,
       request_id TEXT NOT NULL REFERENCES support_requests(id),
       seq INTEGER NOT NULL,
       author TEXT NOT NULL CHECK (author IN ('subscriber', 'desk')),
       body TEXT NOT NULL,
       article_ids TEXT NOT NULL,
       at TEXT NOT NULL,
       UNIQUE (request_id, seq)
     )`,
    // BYTEA: PostgreSQL's binary type; SQLite stores a blob as it is under any declared type.
    `CREATE TABLE support_attachments (
       id TEXT PRIMARY KEY,
       message_id TEXT NOT NULL REFERENCES support_messages(id),
       file_name TEXT NOT NULL,
       media_type TEXT NOT NULL CHECK (media_type IN ('image/png', 'image/jpeg', 'image/webp')),
       byte_size INTEGER NOT NULL CHECK (byte_size > 0),
       content BYTEA NOT NULL
     )`,
    `CREATE INDEX support_attachments_by_message ON support_attachments (message_id)`,
    `CREATE TABLE kb_articles (
       id TEXT PRIMARY KEY,
       topic TEXT NOT NULL,
       title_ru TEXT NOT NULL,
       body_ru TEXT NOT NULL,
       title_en TEXT NOT NULL,
       body_en TEXT NOT NULL,
       position INTEGER NOT NULL
     )`,
  ],
  // SQLite only: the FTS4 index of the knowledge base (sql.js is built with FTS3/FTS4, not FTS5). A PostgreSQL
  // store indexes kb_articles with a tsvector (or ILIKE) instead, behind the same KnowledgeBaseRepository.search.
  sqliteOnly: [`CREATE VIRTUAL TABLE kb_articles_fts USING fts4(article_id, title_ru, body_ru, title_en, body_en, notindexed=article_id, tokenize=unicode61)`],
};
