import type { LocalizedText } from '../model';

/**
 * Support's read models as the core makes them; the IPC contract (shared/contract/support.ts) declares the same
 * shapes for the wire, and `electron/ipc/modelChecks.ts` has the compiler prove the two stay the same.
 */
export type SupportStatus = 'new' | 'in-work' | 'answered' | 'closed';
export type AttachmentMediaType = 'image/png' | 'image/jpeg' | 'image/webp';

export interface KbArticle {
  id: string;
  topic: string;
  title: LocalizedText;
  body: LocalizedText;
}

export interface SupportRequestSummary {
  id: string;
  topic: string;
  status: SupportStatus;
  /** The number it was written from. */
  msisdn: string;
  /** The beginning of the request's text. */
  preview: string;
  createdAt: string;
  updatedAt: string;
}

export interface SupportMessage {
  id: string;
  author: 'subscriber' | 'desk';
  body: string;
  at: string;
  /** Articles the desk points to. */
  articles: KbArticle[];
  attachments: Array<{ id: string; fileName: string; mediaType: AttachmentMediaType; byteSize: number }>;
}

export interface SupportThread extends SupportRequestSummary {
  messages: SupportMessage[];
}
