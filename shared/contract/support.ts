import { z } from 'zod';
import { method } from './method';
import { E164Schema, Instant, LocalizedText, NoInput } from './common';
import { ATTACHMENT_MAX_BYTES, SEARCH_QUERY_MAX_LENGTH, SUPPORT_TEXT_MAX_LENGTH, SUPPORT_TEXT_MIN_LENGTH } from '../supportLimits';

/** «Обращения» and the knowledge base. A request belongs to the profile that wrote it; another's is FORBIDDEN. */

export { SUPPORT_TEXT_MIN_LENGTH, SUPPORT_TEXT_MAX_LENGTH, SEARCH_QUERY_MAX_LENGTH, ATTACHMENT_MAX_BYTES };
const ATTACHMENT_MAX_BASE64 = Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4;

export const SupportStatus = z.enum(['new', 'in-work', 'answered', 'closed']);
export type SupportStatus = z.infer<typeof SupportStatus>;

export const AttachmentMediaType = z.enum(['image/png', 'image/jpeg', 'image/webp']);
export type AttachmentMediaType = z.infer<typeof AttachmentMediaType>;

const Id = (what: string) => z.string({ error: `expected ${what}` }).regex(/^[A-Za-z0-9_-]{1,80}$/, `expected ${what}`);
const RequestId = Id('a request id');
const TopicId = z.string({ error: 'expected a topic from the list' }).regex(/^[a-z][a-z0-9-]{0,40}$/, 'expected a topic from the list');
const Text = z
  .string({ error: 'expected the text of the request' })
  .trim()
  .min(SUPPORT_TEXT_MIN_LENGTH, `expected at least ${SUPPORT_TEXT_MIN_LENGTH} characters`)
  .max(SUPPORT_TEXT_MAX_LENGTH, `expected at most ${SUPPORT_TEXT_MAX_LENGTH} characters`);

/** The renderer sends the picked file's bytes; a path from the window is never opened. */
export const AttachmentInput = z.strictObject({
  fileName: z
    .string({ error: 'expected the file name' })
    .min(1, 'expected the file name')
    .max(120, 'expected a file name of at most 120 characters')
    .regex(/^[^/\\:\u0000-\u001f]+$/, 'expected a file name, not a path'),
  dataBase64: z
    .string({ error: 'expected the image bytes in base64' })
    .min(4, 'expected the image bytes in base64')
    .max(ATTACHMENT_MAX_BASE64, 'expected an image of at most 2 MB')
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'expected the image bytes in base64'),
});

export const SupportTopic = z.object({ id: z.string(), name: LocalizedText });

export const KbArticle = z.object({ id: z.string(), topic: z.string(), title: LocalizedText, body: LocalizedText });
export type KbArticle = z.infer<typeof KbArticle>;

export const AttachmentInfo = z.object({ id: z.string(), fileName: z.string(), mediaType: AttachmentMediaType, byteSize: z.number().int() });

export const SupportMessage = z.object({
  id: z.string(),
  author: z.enum(['subscriber', 'desk']),
  body: z.string(),
  at: Instant,
  /** Articles the desk points to. */
  articles: z.array(KbArticle),
  attachments: z.array(AttachmentInfo),
});

export const SupportRequestSummary = z.object({
  id: z.string(),
  topic: z.string(),
  status: SupportStatus,
  /** The number it was written from. */
  msisdn: E164Schema,
  /** The beginning of the request's text. */
  preview: z.string(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type SupportRequestSummary = z.infer<typeof SupportRequestSummary>;

export const SupportThread = SupportRequestSummary.extend({ messages: z.array(SupportMessage) });
export type SupportThread = z.infer<typeof SupportThread>;

export const support = {
  topics: method({ access: 'session', input: NoInput, output: z.array(SupportTopic) }),
  /** Full-text search of the knowledge base, best first; an empty query lists every article. */
  searchArticles: method({
    access: 'session',
    input: z.strictObject({ query: z.string({ error: 'expected the words to look for' }).max(SEARCH_QUERY_MAX_LENGTH, `expected at most ${SEARCH_QUERY_MAX_LENGTH} characters`) }),
    output: z.array(KbArticle),
  }),
  /** A new request; the same key from the window makes one request however often it is sent. */
  createRequest: method({
    access: 'session',
    input: z.strictObject({
      topic: TopicId,
      text: Text,
      attachment: AttachmentInput.optional(),
      idempotencyKey: z.uuid({ error: 'expected a UUID made by the window for this request' }),
    }),
    output: SupportThread,
  }),
  requests: method({ access: 'session', input: NoInput, output: z.array(SupportRequestSummary) }),
  request: method({ access: 'session', input: z.strictObject({ requestId: RequestId }), output: SupportThread }),
  reply: method({ access: 'session', input: z.strictObject({ requestId: RequestId, text: Text }), output: SupportThread }),
  close: method({ access: 'session', input: z.strictObject({ requestId: RequestId }), output: SupportThread }),
  attachment: method({
    access: 'session',
    input: z.strictObject({ requestId: RequestId, attachmentId: Id('an attachment id') }),
    output: z.object({ fileName: z.string(), mediaType: AttachmentMediaType, dataBase64: z.string() }),
  }),
};
