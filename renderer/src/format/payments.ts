import type { Payment, PaymentOptions } from '../../../shared/contract/payments';
import { formatRussianNumber } from '../../../shared/phone';

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** "Перевод на номер +7 913 987-65-43", "Пополнение картой" … */
export function paymentTitle(payment: Payment, t: Translate): string {
  const title = t(`payments.kind.${payment.kind}`, { number: payment.counterparty ? formatRussianNumber(payment.counterparty) : '' });
  return payment.autopay ? `${title} (${t('payments.autopayMark')})` : title;
}

/** How it was paid, as the receipt shows it. */
export function paymentMethod(payment: Payment, t: Translate, wallets: PaymentOptions['wallets'] | undefined, language: 'ru' | 'en'): string {
  if (payment.kind === 'wallet') return wallets?.find((wallet) => wallet.id === payment.method)?.name[language] ?? payment.method;
  if (payment.method === 'mobile-transfer') return t('payments.methodTransfer');
  if (payment.method === 'promised-payment') return t('payments.methodPromised');
  return payment.method;
}

/** Money into the balance is positive, out of it negative, as the history shows it. */
export function signedAmount(payment: Payment): number {
  return payment.kind === 'transfer-out' || payment.kind === 'promised-repayment' || payment.kind === 'promised-write-off'
    ? -(payment.amountKopecks + payment.feeKopecks)
    : payment.amountKopecks - (payment.kind === 'promised' ? payment.feeKopecks : 0);
}

/** "24 ноября 2026, 14:05 МСК+4": in the region's zone, labelled (format/zone.ts). */
export { formatInstant } from './zone';

const brands: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', mir: 'Мир', maestro: 'Maestro', unionpay: 'UnionPay' };

/** "visa" → "Visa", as the card says. */
export const brandName = (brand: string): string => brands[brand] ?? brand;
