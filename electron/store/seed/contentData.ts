import { z } from 'zod';
import { LocalizedText } from '../../../shared/contract/common';
import content from '../../data/operator/content.json' with { type: 'json' };
import type { ContentOffer } from '../../core/subscriptions/ports';
import type { SqlExecutor } from '../sqlExecutor';
import type { Clock } from '../../core/clock';
import type { IdGenerator } from '../../core/ids';
import { nextPeriodStart } from '../../core/subscriptions/contentSubscriptions';

const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a lower-case id like "news-sms"');
const Kopecks = z.number().int('expected whole kopecks').min(0, 'expected kopecks ≥ 0');

/**
 * The shape of electron/data/operator/content.json: content providers and their paid subscriptions, the demo
 * lines' subscriptions, which catalog service is the content ban, the forecast's and budget's numbers, and the
 * thresholds of the tray's notices.
 */
export const ContentData = z
  .strictObject({
    providers: z.array(
      z.strictObject({
        id: Id,
        name: LocalizedText,
        shortNumber: z.string().regex(/^\d{3,6}$/, 'expected a short number of 3–6 digits'),
        subscriptions: z.array(z.strictObject({ id: Id, name: LocalizedText, feeKopecks: Kopecks, every: z.enum(['day', 'week', 'month']) })).min(1),
      }),
    ),
    /** Premium-rate short numbers: an SMS to one is charged its price (a vote, a donation). */
    premiumNumbers: z.array(z.strictObject({ shortNumber: z.string().regex(/^\d{3,6}$/, 'expected a short number of 3–6 digits'), what: LocalizedText, priceKopecks: Kopecks })),
    demoSubscriptions: z.array(z.strictObject({ msisdn: z.string().regex(/^\+7\d{10}$/, 'expected +7 and 10 digits'), subscriptionId: Id, startedDaysAgo: z.number().int().min(0).max(365) })),
    bans: z.strictObject({ contentServiceId: Id.nullable() }),
    forecast: z.strictObject({ minElapsedHours: z.number().int().min(1).max(24 * 28) }),
    budget: z.strictObject({ minKopecks: Kopecks.min(1, 'expected kopecks ≥ 1'), maxKopecks: Kopecks }),
    tray: z.strictObject({ packageLowPercent: z.number().int().min(1).max(99), chargeAheadDays: z.number().int().min(1).max(28) }),
  })
  .superRefine((data, ctx) => {
    const ids = new Set<string>();
    data.providers.forEach((provider, p) =>
      provider.subscriptions.forEach((offer, s) => {
        if (ids.has(offer.id)) ctx.addIssue({ code: 'custom', path: ['providers', p, 'subscriptions', s, 'id'], message: `the id "${offer.id}" is used twice` });
        ids.add(offer.id);
      }),
    );
    data.demoSubscriptions.forEach((demo, index) => {
      if (!ids.has(demo.subscriptionId)) ctx.addIssue({ code: 'custom', path: ['demoSubscriptions', index, 'subscriptionId'], message: `no subscription "${demo.subscriptionId}" in providers` });
    });
    if (data.budget.maxKopecks < data.budget.minKopecks) ctx.addIssue({ code: 'custom', path: ['budget', 'maxKopecks'], message: 'expected at least budget.minKopecks' });
  });
export type ContentData = z.infer<typeof ContentData>;

export function parseContentData(raw: unknown): ContentData {
  const parsed = ContentData.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`operator data is invalid:\n  ${parsed.error.issues.map((issue) => `content.json: ${issue.path.join('.')}: ${issue.message}`).join('\n  ')}`);
  }
  return parsed.data;
}

/** electron/data/operator/content.json, bundled into the app at build time. */
export function bundledContentData(): ContentData {
  return parseContentData(content);
}

/** Every subscription the providers offer, each with its provider, as the core takes them. */
export function contentOffers(data: ContentData): ContentOffer[] {
  return data.providers.flatMap((provider) =>
    provider.subscriptions.map((offer) => ({ ...offer, provider: { id: provider.id, name: provider.name, shortNumber: provider.shortNumber } })),
  );
}

/**
 * The demo lines' subscriptions, written when a new store is seeded: each started `startedDaysAgo` days ago, its
 * current period taken as paid before the cabinet knew the line (no back charges on the first look); the next
 * period is charged through the ledger like any other.
 */
export async function seedContentSubscriptions(sql: SqlExecutor, data: ContentData, deps: { clock: Clock; ids: IdGenerator }): Promise<void> {
  const offers = new Map(contentOffers(data).map((offer) => [offer.id, offer]));
  const now = deps.clock.now();
  for (const demo of data.demoSubscriptions) {
    const line = await sql.one<{ id: string; time_zone: string }>('SELECT l.id, r.time_zone FROM lines l JOIN subscribers s ON s.id = l.subscriber_id JOIN regions r ON r.id = s.region_id WHERE l.msisdn = $msisdn', {
      msisdn: demo.msisdn,
    });
    const offer = offers.get(demo.subscriptionId);
    if (!line || !offer) continue;
    const startedAt = new Date(now - demo.startedDaysAgo * 24 * 3600_000).toISOString();
    let paidThrough = nextPeriodStart(startedAt, offer.every, line.time_zone);
    while (Date.parse(paidThrough) <= now) paidThrough = nextPeriodStart(paidThrough, offer.every, line.time_zone, startedAt);
    await sql.run('INSERT INTO content_subscriptions (id, line_id, offer_id, started_at, cancelled_at, paid_through) VALUES ($id, $lineId, $offerId, $startedAt, NULL, $paidThrough)', {
      id: deps.ids.next('content'),
      lineId: line.id,
      offerId: offer.id,
      startedAt,
      paidThrough,
    });
  }
}
