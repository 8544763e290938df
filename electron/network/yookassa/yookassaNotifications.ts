import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * The addresses YooKassa sends its notifications from, as its documentation publishes them
 * (https://yookassa.ru/developers/using-api/webhooks). Notifications carry no signature: the source address is the
 * first check, and a second status query — the API's word, never the notification's body — is the one that counts.
 */
export const YOOKASSA_NOTIFICATION_SOURCES = ['185.71.76.0/27', '185.71.77.0/27', '77.75.153.0/25', '77.75.156.11/32', '77.75.156.35/32', '77.75.154.128/25', '2a02:5180::/32'];

const sources = new BlockList();
for (const range of YOOKASSA_NOTIFICATION_SOURCES) {
  const [network, prefix] = range.split('/') as [string, string];
  sources.addSubnet(network, Number(prefix), isIP(network) === 6 ? 'ipv6' : 'ipv4');
}

/** Whether a connection's remote address is one of YooKassa's (an IPv4 address mapped into IPv6 counts as itself). */
export function fromYooKassa(address: string): boolean {
  const plain = address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
  const family = isIP(plain);
  if (family === 0) return false;
  return sources.check(plain, family === 6 ? 'ipv6' : 'ipv4');
}

const Notification = z.object({
  type: z.literal('notification'),
  event: z.enum(['payment.succeeded', 'payment.waiting_for_capture', 'payment.canceled']),
  object: z.object({ id: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }),
});

/** The YooKassa payment id a notification is about, or null for one from elsewhere or not about a payment. Nothing else in it is read. */
export function notifiedPayment(sourceAddress: string, body: unknown): string | null {
  if (!fromYooKassa(sourceAddress)) return null;
  const parsed = Notification.safeParse(body);
  return parsed.success ? parsed.data.object.id : null;
}
