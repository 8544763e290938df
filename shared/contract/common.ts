import { z } from 'zod';
import { parseRussianMobile, PHONE_EXPECTED, type E164 } from '../phone';

/** A number as a person types it; parsed once, here at the edge, into E.164. */
export const PhoneInput = z
  .string({ error: `expected ${PHONE_EXPECTED}` })
  .transform((raw, ctx): E164 => {
    const parsed = parseRussianMobile(raw);
    if (parsed === null) {
      ctx.addIssue({ code: 'custom', message: `expected ${PHONE_EXPECTED}` });
      return z.NEVER;
    }
    return parsed;
  });

export const E164Schema = z.string().regex(/^\+7\d{10}$/, 'expected an E.164 Russian number');

/** A calendar date in the subscriber's region, "YYYY-MM-DD". */
export const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** An instant, ISO 8601 in UTC. */
export const Instant = z.iso.datetime();

export const Kopecks = z.number().int();

/** Operator data comes with Russian and English names; the renderer picks one. */
export const LocalizedText = z.object({ ru: z.string(), en: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const NoInput = z.strictObject({});

/** The lengths of one-time codes the operator data may choose (codes.json); the core checks the one in force. */
export const CodeLength = z.union([z.literal(4), z.literal(6)]);
export type CodeLength = z.infer<typeof CodeLength>;

/** A one-time code as typed: 4 or 6 digits here; a code of the other length than the operator's is refused by the core, naming the field. */
export const OneTimeCodeInput = (from: 'SMS' | 'letter') =>
  z.string({ error: `expected the 4 or 6 digits of the code from the ${from}` }).regex(/^(\d{4}|\d{6})$/, `expected the 4 or 6 digits of the code from the ${from}`);
