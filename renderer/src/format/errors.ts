import type { CabinetError } from '../../../shared/contract/errors';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The words a person sees for an error code; the main side's message stays in the logs. */
export function errorText(error: CabinetError, t: Translate): string {
  if (error.code === 'RATE_LIMITED') return t('errors.RATE_LIMITED', { seconds: Number(error.details?.retryAfterSeconds ?? 60) });
  return t(`errors.${error.code}`);
}

/** Field errors of a VALIDATION answer, by field name. */
export function fieldErrors(error: CabinetError): Record<string, string> {
  if (error.code !== 'VALIDATION' || !Array.isArray(error.details?.fields)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details.fields as Array<{ field: string; expected: string }>) out[issue.field] = issue.expected;
  return out;
}
