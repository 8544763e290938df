import type { SqlValue } from 'sql.js';
import type { AttachmentMediaType, SupportStatus } from '../../../shared/contract/support';
import type {
  ArticleMatch,
  AttachmentMeta,
  AttachmentRecord,
  KnowledgeArticle,
  KnowledgeBaseRepository,
  SupportMessageRecord,
  SupportRequestRecord,
  SupportRequestRepository,
} from '../../core/support/ports';
import { foldText } from '../../core/support/searchTerms';
import type { SqlExecutor } from '../sqlExecutor';

interface RequestRow {
  id: string;
  subscriber_id: string;
  line_id: string;
  topic: string;
  status: string;
  created_at: string;
  updated_at: string;
  idempotency_key: string;
  [column: string]: SqlValue;
}

const toRequest = (row: RequestRow): SupportRequestRecord => ({
  id: row.id,
  subscriberId: row.subscriber_id,
  lineId: row.line_id,
  topic: row.topic,
  status: row.status as SupportStatus,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  idempotencyKey: row.idempotency_key,
});

const ATTACHMENT_META = 'a.id, a.message_id, a.file_name, a.media_type, a.byte_size';
interface AttachmentRow {
  id: string;
  message_id: string;
  file_name: string;
  media_type: string;
  byte_size: number;
  [column: string]: SqlValue;
}
const toAttachmentMeta = (row: AttachmentRow): AttachmentMeta => ({
  id: row.id,
  messageId: row.message_id,
  fileName: row.file_name,
  mediaType: row.media_type as AttachmentMediaType,
  byteSize: row.byte_size,
});

export class SqlSupportRequestRepository implements SupportRequestRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async add(request: SupportRequestRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO support_requests (id, subscriber_id, line_id, topic, status, created_at, updated_at, idempotency_key)
       VALUES ($id, $subscriberId, $lineId, $topic, $status, $createdAt, $updatedAt, $key)`,
      {
        id: request.id,
        subscriberId: request.subscriberId,
        lineId: request.lineId,
        topic: request.topic,
        status: request.status,
        createdAt: request.createdAt,
        updatedAt: request.updatedAt,
        key: request.idempotencyKey,
      },
    );
  }

  async byId(id: string): Promise<SupportRequestRecord | null> {
    const row = await this.sql.one<RequestRow>('SELECT * FROM support_requests WHERE id = $id', { id });
    return row ? toRequest(row) : null;
  }

  async byIdempotencyKey(subscriberId: string, key: string): Promise<SupportRequestRecord | null> {
    const row = await this.sql.one<RequestRow>('SELECT * FROM support_requests WHERE subscriber_id = $subscriberId AND idempotency_key = $key', { subscriberId, key });
    return row ? toRequest(row) : null;
  }

  async ofSubscriber(subscriberId: string): Promise<SupportRequestRecord[]> {
    return (
      await this.sql.all<RequestRow>('SELECT * FROM support_requests WHERE subscriber_id = $subscriberId ORDER BY updated_at DESC, created_at DESC, id DESC', { subscriberId })
    ).map(toRequest);
  }

  async withStatus(status: SupportStatus): Promise<SupportRequestRecord[]> {
    return (await this.sql.all<RequestRow>('SELECT * FROM support_requests WHERE status = $status ORDER BY created_at, id', { status })).map(toRequest);
  }

  async setStatus(id: string, status: SupportStatus, at: string): Promise<void> {
    await this.sql.run('UPDATE support_requests SET status = $status, updated_at = $at WHERE id = $id', { id, status, at });
  }

  async addMessage(message: SupportMessageRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO support_messages (id, request_id, seq, author, body, article_ids, at)
       VALUES ($id, $requestId, $seq, $author, $body, $articleIds, $at)`,
      {
        id: message.id,
        requestId: message.requestId,
        seq: message.seq,
        author: message.author,
        body: message.body,
        articleIds: JSON.stringify(message.articleIds),
        at: message.at,
      },
    );
  }

  async messages(requestId: string): Promise<SupportMessageRecord[]> {
    return (
      await this.sql.all<{ id: string; request_id: string; seq: number; author: string; body: string; article_ids: string; at: string }>(        'SELECT id, request_id, seq, author, body, article_ids, at FROM support_messages WHERE request_id = $requestId ORDER BY seq',
        { requestId },
      )
    ).map((row) => ({
        id: row.id,
        requestId: row.request_id,
        seq: row.seq,
        author: row.author as SupportMessageRecord['author'],
        body: row.body,
        articleIds: JSON.parse(row.article_ids) as string[],
        at: row.at,
      }));
  }

  async addAttachment(attachment: AttachmentRecord): Promise<void> {
    await this.sql.run(
      `INSERT INTO support_attachments (id, message_id, file_name, media_type, byte_size, content)
       VALUES ($id, $messageId, $fileName, $mediaType, $byteSize, $content)`,
      {
        id: attachment.id,
        messageId: attachment.messageId,
        fileName: attachment.fileName,
        mediaType: attachment.mediaType,
        byteSize: attachment.byteSize,
        content: attachment.content,
      },
    );
  }

  async attachmentsOf(requestId: string): Promise<AttachmentMeta[]> {
    return (
      await this.sql.all<AttachmentRow>(        `SELECT ${ATTACHMENT_META} FROM support_attachments a JOIN support_messages m ON m.id = a.message_id WHERE m.request_id = $requestId ORDER BY m.seq, a.id`,
        { requestId },
      )
    ).map(toAttachmentMeta);
  }

  async attachment(id: string): Promise<(AttachmentRecord & { requestId: string }) | null> {
    const row = await this.sql.one<AttachmentRow & { content: Uint8Array; request_id: string }>(
      `SELECT ${ATTACHMENT_META}, a.content, m.request_id FROM support_attachments a JOIN support_messages m ON m.id = a.message_id WHERE a.id = $id`,
      { id },
    );
    return row ? { ...toAttachmentMeta(row), content: row.content, requestId: row.request_id } : null;
  }
}

interface ArticleRow {
  id: string;
  topic: string;
  title_ru: string;
  body_ru: string;
  title_en: string;
  body_en: string;
  [column: string]: SqlValue;
}
const toArticle = (row: ArticleRow): KnowledgeArticle => ({
  id: row.id,
  topic: row.topic,
  title: { ru: row.title_ru, en: row.title_en },
  body: { ru: row.body_ru, en: row.body_en },
});

/** Columns of kb_articles_fts after article_id, and how much a hit in each counts. */
const COLUMN_WEIGHTS = [0, 3, 1, 3, 1];
const K1 = 1.2;
const B = 0.75;

/**
 * The knowledge base in SQLite, searched through the FTS4 table kb_articles_fts (SQLite only). Each term is a
 * prefix query; articles are ranked by Okapi BM25 over FTS4's matchinfo, a title hit weighing three body hits.
 */
export class SqlKnowledgeBaseRepository implements KnowledgeBaseRepository {
  constructor(private readonly sql: SqlExecutor) {}

  async search(terms: string[], limit: number): Promise<ArticleMatch[]> {
    const safe = terms.map((term) => foldText(term).replace(/[^\p{L}\p{N}]/gu, '')).filter((term) => term.length > 0);
    if (safe.length === 0) return [];
    if (this.sql.dialect !== 'sqlite') return this.searchByPrefixes(safe, limit);
    const rows = await this.sql.all<{ article_id: string; info: Uint8Array }>(
      `SELECT article_id, matchinfo(kb_articles_fts, 'pcnalx') AS info FROM kb_articles_fts WHERE kb_articles_fts MATCH $query`,
      { query: safe.map((term) => `${term}*`).join(' OR ') },
    );
    return rows
      .map((row) => ({ articleId: row.article_id, score: bm25(row.info) }))
      .sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId))
      .slice(0, limit);
  }

  async all(): Promise<KnowledgeArticle[]> {
    return (await this.sql.all<ArticleRow>('SELECT id, topic, title_ru, body_ru, title_en, body_en FROM kb_articles ORDER BY position')).map(toArticle);
  }

  async byIds(ids: string[]): Promise<KnowledgeArticle[]> {
    if (ids.length === 0) return [];
    const params = Object.fromEntries(ids.map((id, index) => [`id${index}`, id]));
    return (
      await this.sql.all<ArticleRow>(`SELECT id, topic, title_ru, body_ru, title_en, body_en FROM kb_articles WHERE id IN (${ids.map((_, index) => `$id${index}`).join(', ')}) ORDER BY position`, params)
    ).map(toArticle);
  }

  async replaceAll(articles: KnowledgeArticle[]): Promise<void> {
    const fts = this.sql.dialect === 'sqlite';
    await this.sql.run('DELETE FROM kb_articles');
    if (fts) await this.sql.run('DELETE FROM kb_articles_fts');
    for (const [position, article] of articles.entries()) {
      const params = { id: article.id, topic: article.topic, titleRu: article.title.ru, bodyRu: article.body.ru, titleEn: article.title.en, bodyEn: article.body.en };
      await this.sql.run(
        'INSERT INTO kb_articles (id, topic, title_ru, body_ru, title_en, body_en, position) VALUES ($id, $topic, $titleRu, $bodyRu, $titleEn, $bodyEn, $position)',
        { ...params, position },
      );
      if (!fts) continue;
      await this.sql.run('INSERT INTO kb_articles_fts (article_id, title_ru, body_ru, title_en, body_en) VALUES ($id, $titleRu, $bodyRu, $titleEn, $bodyEn)', {
        id: article.id,
        titleRu: foldText(article.title.ru),
        bodyRu: foldText(article.body.ru),
        titleEn: foldText(article.title.en),
        bodyEn: foldText(article.body.en),
      });
    }
  }

  /**
   * The shared store (PostgreSQL) has no FTS4: the same ranking in code over the folded articles — each term a
   * prefix of a word, Okapi BM25 per column with the same weights (a title hit weighs three body hits).
   */
  private async searchByPrefixes(terms: string[], limit: number): Promise<ArticleMatch[]> {
    const words = (text: string) => foldText(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const documents = (await this.all()).map((article) => ({
      id: article.id,
      columns: [article.title.ru, article.body.ru, article.title.en, article.body.en].map(words),
    }));
    const weights = COLUMN_WEIGHTS.slice(1);
    const averageLength = weights.map((_, column) => documents.reduce((sum, doc) => sum + doc.columns[column]!.length, 0) / Math.max(1, documents.length));
    const scores = new Map<string, number>();
    for (const term of terms) {
      const hits = documents.map((doc) => doc.columns.map((column) => column.filter((word) => word.startsWith(term)).length));
      weights.forEach((weight, column) => {
        const withHits = hits.filter((row) => row[column]! > 0).length;
        const idf = Math.log(1 + (documents.length - withHits + 0.5) / (withHits + 0.5));
        documents.forEach((doc, index) => {
          const count = hits[index]![column]!;
          if (count === 0) return;
          const norm = K1 * (1 - B + (B * doc.columns[column]!.length) / Math.max(1, averageLength[column]!));
          scores.set(doc.id, (scores.get(doc.id) ?? 0) + weight * idf * ((count * (K1 + 1)) / (count + norm)));
        });
      });
    }
    return [...scores]
      .map(([articleId, score]) => ({ articleId, score }))
      .sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId))
      .slice(0, limit);
  }
}

/** Okapi BM25 of one row from matchinfo 'pcnalx' (32-bit unsigned integers in the machine's order). */
function bm25(info: Uint8Array): number {
  const values = new Uint32Array(info.buffer.slice(info.byteOffset, info.byteOffset + info.byteLength));
  const phrases = values[0]!;
  const columns = values[1]!;
  const rows = values[2]!;
  const averageLength = (column: number) => values[3 + column]!;
  const length = (column: number) => values[3 + columns + column]!;
  const hitsAt = 3 + 2 * columns;
  let score = 0;
  for (let phrase = 0; phrase < phrases; phrase += 1) {
    for (let column = 0; column < columns; column += 1) {
      const weight = COLUMN_WEIGHTS[column] ?? 1;
      const base = hitsAt + 3 * (phrase * columns + column);
      const hits = values[base]!;
      const rowsWithHits = values[base + 2]!;
      if (weight === 0 || hits === 0) continue;
      const idf = Math.log(1 + (rows - rowsWithHits + 0.5) / (rowsWithHits + 0.5));
      const norm = K1 * (1 - B + (B * length(column)) / Math.max(1, averageLength(column)));
      score += weight * idf * ((hits * (K1 + 1)) / (hits + norm));
    }
  }
  return score;
}
