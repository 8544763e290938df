import { z } from 'zod';
import type { DeclineReason } from '../../../shared/contract/payments';
import type { AcquirerAnswer } from '../../core/money/ports';

/** The part of YooKassa API v3's payment object the cabinet reads. */
export const YooKassaPayment = z.object({
  id: z.string().min(1),
  status: z.enum(['pending', 'waiting_for_capture', 'succeeded', 'canceled']),
  amount: z.object({ value: z.string(), currency: z.string() }),
  confirmation: z.object({ type: z.string(), confirmation_url: z.string().optional(), return_url: z.string().optional() }).optional(),
  payment_method: z
    .object({
      type: z.string(),
      id: z.string(),
      saved: z.boolean(),
      card: z.object({ last4: z.string(), expiry_month: z.string(), expiry_year: z.string(), card_type: z.string() }).partial().optional(),
    })
    .optional(),
  cancellation_details: z.object({ party: z.string(), reason: z.string() }).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  created_at: z.string(),
});
export type YooKassaPayment = z.infer<typeof YooKassaPayment>;

export const YooKassaPaymentList = z.object({ items: z.array(YooKassaPayment), next_cursor: z.string().optional() });

/** The metadata key the cabinet's own payment id travels under: the way back to a payment whose YooKassa id was lost. */
export const CABINET_PAYMENT_ID = 'cabinet_payment_id';

/** Kopecks as the API's amount: a string with two decimals. */
export function rublesValue(kopecks: number): string {
  if (!Number.isInteger(kopecks) || kopecks <= 0) throw new Error('amountKopecks: whole kopecks above zero');
  return `${Math.floor(kopecks / 100)}.${String(kopecks % 100).padStart(2, '0')}`;
}

/** The API's amount back in kopecks, exactly (no floats). */
export function kopecksOf(value: string): number | null {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

const reasons: Record<string, DeclineReason> = {
  insufficient_funds: 'insufficient-funds',
  card_expired: 'card-expired',
  '3d_secure_failed': 'wrong-3ds-code',
  expired_on_confirmation: 'cancelled',
  canceled_by_merchant: 'cancelled',
};

const brands: Record<string, string> = { Visa: 'visa', MasterCard: 'mastercard', Mir: 'mir', Maestro: 'maestro', UnionPay: 'unionpay' };

/**
 * What a payment object means for the core. Only `succeeded` moves money. `pending` with a confirmation page is
 * a 3-D Secure challenge; `pending` without one and `waiting_for_capture` are still in progress (the adapter
 * captures the latter). `canceled` is a decline, with the API's reason in the cabinet's words.
 */
export function answerOf(payment: YooKassaPayment): AcquirerAnswer | { outcome: 'in-progress' } {
  switch (payment.status) {
    case 'succeeded': {
      const method = payment.payment_method;
      const card = method?.card;
      if (!method?.saved || !card?.last4 || !card.expiry_month || !card.expiry_year) return { outcome: 'succeeded' };
      return {
        outcome: 'succeeded',
        token: {
          token: method.id,
          brand: brands[card.card_type ?? ''] ?? (card.card_type ?? 'card').toLowerCase(),
          last4: card.last4,
          expMonth: Number(card.expiry_month),
          expYear: Number(card.expiry_year),
        },
      };
    }
    case 'canceled':
      return { outcome: 'declined', reason: reasons[payment.cancellation_details?.reason ?? ''] ?? 'do-not-honor' };
    case 'pending': {
      const url = payment.confirmation?.type === 'redirect' ? payment.confirmation.confirmation_url : undefined;
      return url ? { outcome: 'challenge', confirmationUrl: url } : { outcome: 'in-progress' };
    }
    case 'waiting_for_capture':
      return { outcome: 'in-progress' };
  }
}
