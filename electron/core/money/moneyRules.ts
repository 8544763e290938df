import type { PromisedFeeRule } from '../../../shared/promisedFee';
import { DomainError } from '../errors';

/** The operator's money rules (payments.json); kopecks throughout. */
export interface MoneyRules {
  operator: { name: string; inn: string };
  /** `quickAmountsKopecks`: the amounts offered as one-tap chips beside the amount field. */
  cardTopUp: { minKopecks: number; maxKopecks: number; quickAmountsKopecks?: number[] };
  wallets: Array<{ id: string; name: { ru: string; en: string }; minKopecks: number; maxKopecks: number }>;
  /** Per transfer, per day and per calendar month (in the sender's region, by the day a transfer is confirmed). */
  transfer: { minKopecks: number; maxKopecks: number; perDayKopecks: number; perMonthKopecks: number; commissionKopecks: number };
  promisedPayment: {
    termDays: number;
    scale: Array<{ minLineAgeDays: number; maxKopecks: number }>;
    minKopecks: number;
    cooldownDays: number;
    lowestBalanceKopecks: number;
    fee: PromisedFeeRule;
  };
  simBlock: { freeDays: number; dailyFeeKopecks: number };
  profile: { maxNumbers: number };
}

const rubles = (kopecks: number) => `${(kopecks / 100).toLocaleString('ru-RU', { maximumFractionDigits: 2 })} ₽`;

/** "from 10 ₽ to 15 000 ₽" — what an amount field expects, in the error that names it. */
export function amountExpected(limits: { minKopecks: number; maxKopecks: number }): string {
  return `an amount from ${rubles(limits.minKopecks)} to ${rubles(limits.maxKopecks)}`;
}

/** Refuses an amount outside the limits, naming the field and the rule. */
export function requireWithin(amountKopecks: number, limits: { minKopecks: number; maxKopecks: number }, field = 'amountKopecks'): void {
  if (amountKopecks < limits.minKopecks || amountKopecks > limits.maxKopecks) {
    const expected = amountExpected(limits);
    throw new DomainError('VALIDATION', `${field}: ${expected}`, {
      fields: [{ field, expected }],
      minKopecks: limits.minKopecks,
      maxKopecks: limits.maxKopecks,
    });
  }
}

/** The most a line of this age may take: the highest step of the scale it has reached (0 below the first). */
export function promisedCeiling(lineAgeDays: number, scale: MoneyRules['promisedPayment']['scale']): number {
  return scale.filter((step) => lineAgeDays >= step.minLineAgeDays).reduce((most, step) => Math.max(most, step.maxKopecks), 0);
}
