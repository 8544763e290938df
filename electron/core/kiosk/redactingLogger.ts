import type { Logger } from '../logger';

/** Fields that name a subscriber or their line; a kiosk's log never carries them. */
const subscriberFields = new Set(['msisdn', 'phone', 'number', 'lineId', 'subscriberId', 'subscriberName', 'name', 'recipient', 'counterparty', 'paymentId']);

/** Phone numbers (+7…, 8…, bare 10 digits) and any long digit run, with the separators people write. */
const digitRun = /\+?\d(?:[\s()\-.]*\d){6,}/g;

function redactText(text: string): string {
  return text.replace(digitRun, '[redacted]');
}

/**
 * A kiosk serves person after person on one computer: its log keeps what happened, never whom it
 * happened to. Subscriber fields are dropped, and numbers inside messages and other fields are masked.
 */
export function redactingLogger(inner: Logger): Logger {
  const clean = (fields?: Record<string, string | number | boolean>) => {
    if (!fields) return undefined;
    const out: Record<string, string | number | boolean> = {};
    for (const [key, value] of Object.entries(fields)) {
      if (subscriberFields.has(key)) out[key] = '[redacted]';
      else out[key] = typeof value === 'string' ? redactText(value) : value;
    }
    return out;
  };
  return {
    info: (message, fields) => inner.info(redactText(message), clean(fields)),
    warn: (message, fields) => inner.warn(redactText(message), clean(fields)),
    error: (message, fields) => inner.error(redactText(message), clean(fields)),
  };
}
