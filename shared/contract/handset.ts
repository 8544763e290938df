import { z } from 'zod';
import { errorCodeList, fail, ok, type ErrorCode, type Result } from './errors';
import { E164Schema, Instant } from './common';

/**
 * The virtual handset's own small contract. The handset is another device (a separate window or
 * page): it is the only place an SMS code is shown, and the cabinet window never gets this API.
 */
export const HandsetLine = z.object({ msisdn: E164Schema, subscriberName: z.string(), blocked: z.boolean() });
export const HandsetSms = z.object({ id: z.string(), msisdn: E164Schema, text: z.string(), at: Instant });
export const HandsetMail = z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), at: Instant });
export const HandsetPrompt = z.object({ id: z.string(), msisdn: E164Schema, text: z.string(), expiresAt: Instant });

export const handsetMethods = {
  lines: { input: z.strictObject({}), output: z.array(HandsetLine) },
  inbox: { input: z.strictObject({ msisdn: E164Schema }), output: z.array(HandsetSms) },
  prompts: { input: z.strictObject({ msisdn: E164Schema }), output: z.array(HandsetPrompt) },
  /** The embedded mailbox: letters to any address (e-mail confirmations), newest first. */
  mailbox: { input: z.strictObject({}), output: z.array(HandsetMail) },
  press: { input: z.strictObject({ promptId: z.string().max(100), key: z.enum(['1', '2']) }), output: z.object({ accepted: z.boolean() }) },
  /** The phone uses its line: a call of N minutes, N SMS, N megabytes; it is rated like any usage. */
  use: {
    input: z.strictObject({
      msisdn: E164Schema,
      kind: z.enum(['voice', 'sms', 'data']),
      amount: z.number().int().min(1, 'at least 1').max(10_000, 'at most 10,000'),
      /** For data: the app it went to; an unlimited option for that app makes it free. */
      app: z.enum(['any', 'messengers', 'social', 'video', 'music']).default('any'),
    }),
    output: z.object({ chargedKopecks: z.number().int(), balanceAfterKopecks: z.number().int(), freeBy: z.string().nullable() }),
  },
};

export type HandsetMethod = keyof typeof handsetMethods;
export type HandsetEvent =
  | { type: 'sms'; sms: z.infer<typeof HandsetSms> }
  | { type: 'mail'; mail: z.infer<typeof HandsetMail> }
  | { type: 'prompt'; prompt: z.infer<typeof HandsetPrompt> }
  | { type: 'prompt-closed'; promptId: string }
  /** Every message and prompt was forgotten (a kiosk visit ended). */
  | { type: 'cleared' };

export type HandsetApi = {
  [M in HandsetMethod]: (input: z.input<(typeof handsetMethods)[M]['input']>) => Promise<Result<z.output<(typeof handsetMethods)[M]['output']>>>;
} & { on(listener: (event: HandsetEvent) => void): () => void };

export interface HandsetTransport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: HandsetEvent) => void): () => void;
}

export function createHandsetApi(transport: HandsetTransport): HandsetApi {
  const api: Record<string, unknown> = {};
  for (const name of Object.keys(handsetMethods)) api[name] = (input: unknown) => transport.call(name, input ?? {});
  api.on = (listener: (event: HandsetEvent) => void) => transport.subscribe(listener);
  return Object.freeze(api) as unknown as HandsetApi;
}

export type HandsetHandlers = { [M in HandsetMethod]: (input: z.output<(typeof handsetMethods)[M]['input']>) => Promise<z.output<(typeof handsetMethods)[M]['output']>> };

/** Parses, answers and never throws — the handset's small dispatcher. */
export async function dispatchHandsetCall(handlers: HandsetHandlers, method: unknown, input: unknown): Promise<Result<unknown>> {
  if (typeof method !== 'string' || !Object.hasOwn(handsetMethods, method)) return fail('VALIDATION', 'method: a handset method', { fields: [{ field: 'method', expected: 'a handset method' }] });
  const spec = handsetMethods[method as HandsetMethod];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', expected: issue.message }));
    return fail('VALIDATION', fields.map((f) => `${f.field}: ${f.expected}`).join('; '), { fields });
  }
  try {
    return ok(await (handlers[method as HandsetMethod] as (input: unknown) => Promise<unknown>)(parsed.data));
  } catch (error) {
    // A refusal with a contract code (blocked SIM, no money) is shown on the phone; anything else is a fault.
    const code = (error as { code?: unknown }).code;
    if (error instanceof Error && errorCodeList.includes(code as ErrorCode)) return fail(code as ErrorCode, error.message);
    return fail('INTERNAL', 'unexpected fault');
  }
}
