import { z } from 'zod';
import { LocalizedText } from '../../../shared/contract/common';
import support from '../../data/operator/support.json' with { type: 'json' };

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id like "balance"');

/** The shape of electron/data/operator/support.json: the topics of a request and the knowledge base. */
export const SupportData = z
  .strictObject({
    topics: z.array(z.strictObject({ id: Id, name: LocalizedText })).min(1),
    articles: z.array(z.strictObject({ id: Id, topic: Id, title: LocalizedText, body: LocalizedText })),
  })
  .superRefine((data, ctx) => {
    const topics = new Set(data.topics.map((topic) => topic.id));
    const seen = new Set<string>();
    data.articles.forEach((article, index) => {
      if (!topics.has(article.topic)) ctx.addIssue({ code: 'custom', path: ['articles', index, 'topic'], message: `no topic "${article.topic}" in topics` });
      if (seen.has(article.id)) ctx.addIssue({ code: 'custom', path: ['articles', index, 'id'], message: `the id "${article.id}" is used twice` });
      seen.add(article.id);
    });
  });
export type SupportData = z.infer<typeof SupportData>;

export function parseSupportData(raw: unknown): SupportData {
  const parsed = SupportData.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`operator data is invalid:\n  ${parsed.error.issues.map((issue) => `support.json: ${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  }
  return parsed.data;
}

/** electron/data/operator/support.json, bundled into the app at build time. */
export function bundledSupportData(): SupportData {
  return parseSupportData(support);
}
