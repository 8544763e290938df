import { z } from 'zod';

/** Where new versions are published: a generic HTTP(S) folder holding latest.yml / latest-mac.yml / latest-linux.yml. */
export interface UpdateFeed {
  url: string;
  /** electron-builder's channel ("latest" unless the operator publishes betas). */
  channel: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

const UpdateSettings = z.object({
  feedUrl: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL of the folder with latest.yml' })
    .refine((url) => url.startsWith('https://') || loopbackHosts.has(new URL(url).hostname), {
      error: 'must be https:// (plain http only on this computer, 127.0.0.1 or localhost)',
    }),
  channel: z.string().regex(/^[a-z0-9-]{1,32}$/, 'a channel name such as "latest" or "beta"').default('latest'),
});

export type UpdateFeedSetting = { feed: UpdateFeed } | { feed: null; problem: string | null };

/**
 * Reads the `updates` entry of settings.json. No entry: updates are off, quietly. A bad entry: off too, with a
 * problem that names the field, for the log.
 */
export function readUpdateFeed(raw: unknown): UpdateFeedSetting {
  if (raw === undefined || raw === null) return { feed: null, problem: null };
  const parsed = UpdateSettings.safeParse(raw);
  if (parsed.success) return { feed: { url: parsed.data.feedUrl, channel: parsed.data.channel } };
  const problem = parsed.error.issues.map((issue) => `updates.${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
  return { feed: null, problem };
}
