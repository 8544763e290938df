import type { Receipt } from '../money/model';
import type { PaymentKind } from '../money/model';
import { formatRubles } from '../../../shared/money';
import { formatRussianNumber } from '../../../shared/phone';
import type { PrintableReceipt } from './ports';

const kindTitles: Record<PaymentKind, string> = {
  card: 'Пополнение картой',
  wallet: 'Пополнение кошельком',
  'transfer-out': 'Перевод на номер',
  'transfer-in': 'Перевод с номера',
  promised: 'Обещанный платёж',
  'promised-repayment': 'Погашение обещанного платежа',
  'promised-write-off': 'Списание обещанного платежа',
};

const statusTitles: Record<Receipt['payment']['status'], string> = {
  pending: 'Ждёт ответа банка',
  challenge: 'Ждёт кода банка',
  'awaiting-confirmation': 'Ждёт подтверждения',
  succeeded: 'Выполнен',
  declined: 'Отклонён',
  failed: 'Не выполнен',
};

/**
 * A card appears on paper only as its last four digits: any longer run of digits (with spaces or dashes
 * between them, as a card number is written) keeps its last four and masks the rest.
 */
export function maskCardDigits(text: string): string {
  return text.replace(/\d(?:[ -]?\d){4,}/g, (run) => {
    const digits = run.replace(/\D/g, '');
    return `•• ${digits.slice(-4)}`;
  });
}

/** The receipt a kiosk prints after a payment, as lines and as a printable page (Russian, as fiscal paper is). */
export function receiptDocument(receipt: Receipt, where: { storeName: string; region: string; timeZone?: string }): PrintableReceipt {
  const { payment } = receipt;
  const when = new Intl.DateTimeFormat('ru-RU', { dateStyle: 'long', timeStyle: 'short', ...(where.timeZone ? { timeZone: where.timeZone } : {}) }).format(new Date(receipt.issuedAt));
  const operation = payment.counterparty ? `${kindTitles[payment.kind]} ${formatRussianNumber(payment.counterparty)}` : kindTitles[payment.kind];
  const lines: PrintableReceipt['lines'] = [
    { label: 'Оператор', value: `${receipt.operator.name}, ИНН ${receipt.operator.inn}` },
    ...(where.storeName ? [{ label: 'Салон', value: [where.storeName, where.region].filter(Boolean).join(', ') }] : []),
    { label: 'Номер телефона', value: formatRussianNumber(receipt.msisdn) },
    { label: 'Дата', value: when },
    { label: 'Операция', value: payment.autopay ? `${operation} (автоплатёж)` : operation },
    { label: 'Способ оплаты', value: maskCardDigits(payment.method) },
    { label: 'Сумма', value: formatRubles(payment.amountKopecks, 'ru') },
    ...(payment.feeKopecks > 0 ? [{ label: 'Комиссия', value: formatRubles(payment.feeKopecks, 'ru') }] : []),
    { label: 'Статус', value: statusTitles[payment.status] },
  ];
  const title = `Чек № ${receipt.number}`;
  const rows = lines.map((line) => `<tr><th scope="row">${escapeHtml(line.label)}</th><td>${escapeHtml(line.value)}</td></tr>`).join('');
  const html = `<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${escapeHtml(title)}</title><style>
body{font:12pt/1.35 system-ui,sans-serif;margin:0;padding:4mm;color:#000;background:#fff;max-width:72mm}
h1{font-size:13pt;margin:0 0 3mm}table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:1mm 0}th{font-weight:normal;color:#333;padding-right:2mm;white-space:nowrap}
</style></head><body><h1>${escapeHtml(title)}</h1><table>${rows}</table></body></html>`;
  return { title, lines, html };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
