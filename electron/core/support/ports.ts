import type { LocalizedText } from '../model';
import type { AttachmentMediaType, SupportStatus } from './model';

export interface SupportRequestRecord {
  id: string;
  /** The profile the request belongs to: only its subscriber may read or change it. */
  subscriberId: string;
  /** The number the request was written from. */
  lineId: string;
  topic: string;
  status: SupportStatus;
  createdAt: string;
  updatedAt: string;
  idempotencyKey: string;
}

export interface SupportMessageRecord {
  id: string;
  requestId: string;
  /** 1, 2, 3, … within the request. */
  seq: number;
  author: 'subscriber' | 'desk';
  body: string;
  /** Knowledge-base articles the desk points to. */
  articleIds: string[];
  at: string;
}

export interface AttachmentMeta {
  id: string;
  messageId: string;
  fileName: string;
  mediaType: AttachmentMediaType;
  byteSize: number;
}

export interface AttachmentRecord extends AttachmentMeta {
  content: Uint8Array;
}

export interface SupportRequestRepository {
  add(request: SupportRequestRecord): Promise<void>;
  byId(id: string): Promise<SupportRequestRecord | null>;
  byIdempotencyKey(subscriberId: string, key: string): Promise<SupportRequestRecord | null>;
  /** The profile's requests, the most recently changed first. */
  ofSubscriber(subscriberId: string): Promise<SupportRequestRecord[]>;
  /** Requests the desk has not taken yet (a desk that was down when they were written). */
  withStatus(status: SupportStatus): Promise<SupportRequestRecord[]>;
  setStatus(id: string, status: SupportStatus, at: string): Promise<void>;
  addMessage(message: SupportMessageRecord): Promise<void>;
  messages(requestId: string): Promise<SupportMessageRecord[]>;
  addAttachment(attachment: AttachmentRecord): Promise<void>;
  /** Attachments of a request's messages, without their bytes. */
  attachmentsOf(requestId: string): Promise<AttachmentMeta[]>;
  attachment(id: string): Promise<(AttachmentRecord & { requestId: string }) | null>;
}

export interface KnowledgeArticle {
  id: string;
  topic: string;
  title: LocalizedText;
  body: LocalizedText;
}

export interface ArticleMatch {
  articleId: string;
  /** Higher is better; comparable only within one search. */
  score: number;
}

export interface KnowledgeBaseRepository {
  /**
   * Articles matching any of the terms, best first. A term matches a word that starts with it ("баланс" matches
   * "баланса"); an article matching more terms, more rarely used ones, or in its title ranks higher.
   * SQLite answers from an FTS4 index; a PostgreSQL store may use a tsvector with prefix queries or ILIKE.
   */
  search(terms: string[], limit: number): Promise<ArticleMatch[]>;
  all(): Promise<KnowledgeArticle[]>;
  byIds(ids: string[]): Promise<KnowledgeArticle[]>;
  /** Makes the stored articles exactly these (operator data may change between releases). */
  replaceAll(articles: KnowledgeArticle[]): Promise<void>;
}

/** A request (or the subscriber's reply on it) handed to the support desk. */
export interface DeskDelivery {
  kind: 'new-request' | 'subscriber-reply';
  requestId: string;
  topic: string;
  /** The subscriber's words: the request's text or the reply. */
  text: string;
  hasAttachment: boolean;
}

export interface DeskReply {
  /** In the language the subscriber wrote in. */
  text: string;
  articleIds: string[];
}

/**
 * Where the support desk's answers come in. Only the core changes a request's status: the desk says
 * "taken" or "answered", and the core decides what that means for the request.
 */
export interface DeskInbox {
  taken(requestId: string): Promise<void>;
  answered(requestId: string, reply: DeskReply): Promise<void>;
}

/**
 * The support desk: the embedded one answers at once; a real desk (a helpdesk's API) plugs in here and
 * answers later through the DeskInbox.
 */
export interface SupportDesk {
  deliver(delivery: DeskDelivery, inbox: DeskInbox): Promise<void>;
}
