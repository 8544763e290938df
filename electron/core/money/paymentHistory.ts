import { DateTime } from 'luxon';
import type { Payment, PaymentKind, Receipt } from './model';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';
import type { MoneyRules } from './moneyRules';
import type { PaymentRecord } from './ports';

const kindsOf: Record<'all' | 'top-ups' | 'transfers' | 'promised', PaymentKind[]> = {
  all: ['card', 'wallet', 'transfer-out', 'transfer-in', 'promised', 'promised-repayment', 'promised-write-off'],
  'top-ups': ['card', 'wallet'],
  transfers: ['transfer-out', 'transfer-in'],
  promised: ['promised', 'promised-repayment', 'promised-write-off'],
};

export const toPayment = (record: PaymentRecord): Payment => ({
  id: record.id,
  kind: record.kind,
  status: record.status,
  amountKopecks: record.amountKopecks,
  feeKopecks: record.feeKopecks,
  method: record.method,
  counterparty: record.counterparty,
  declineReason: record.declineReason,
  autopay: record.autopay ?? false,
  createdAt: record.createdAt,
  updatedAt: record.updatedAt,
});

/** «История платежей»: the line's payments by kind and dates (the region's calendar), and a receipt for each. */
export class PaymentHistory {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly operator: MoneyRules['operator'],
  ) {}

  list(lineId: string, filter: keyof typeof kindsOf, from?: string, to?: string): Promise<Payment[]> {
    return this.uow.read(async (repos) => {
      const line = await repos.account.line(lineId);
      if (!line) throw new DomainError('NOT_FOUND', `line ${lineId} does not exist`);
      const zone = line.region.timeZone;
      const day = (date: string, field: string) => {
        const parsed = DateTime.fromISO(date, { zone });
        if (!parsed.isValid) throw new DomainError('VALIDATION', `${field}: a real calendar date`, { fields: [{ field, expected: 'a real calendar date' }] });
        return parsed;
      };
      const fromIso = from ? day(from, 'from').toUTC().toISO()! : '0000-01-01T00:00:00.000Z';
      const toIso = to ? day(to, 'to').plus({ days: 1 }).toUTC().toISO()! : '9999-12-31T00:00:00.000Z';
      if (fromIso >= toIso) throw new DomainError('VALIDATION', 'to: a date on or after "from"', { fields: [{ field: 'to', expected: 'a date on or after "from"' }] });
      return (await repos.payments.forLine(lineId, kindsOf[filter], fromIso, toIso)).map(toPayment);
    });
  }

  receipt(lineId: string, paymentId: string): Promise<Receipt> {
    return this.uow.read(async (repos) => {
      const payment = await repos.payments.byId(paymentId);
      if (!payment || payment.lineId !== lineId) throw new DomainError('NOT_FOUND', 'no such payment on this line');
      const line = (await repos.account.line(lineId))!;
      const day = DateTime.fromISO(payment.createdAt, { zone: line.region.timeZone }).toFormat('yyyyMMdd');
      return {
        number: `${day}-${payment.id.replace(/[^A-Za-z0-9]/g, '').slice(-8).toUpperCase()}`,
        issuedAt: payment.updatedAt,
        operator: this.operator,
        msisdn: line.msisdn,
        payment: toPayment(payment),
      };
    });
  }
}
