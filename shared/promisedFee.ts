/**
 * The promised payment's fee rule, operator data (payments.json `promisedPayment.fee`): nothing up to
 * `freeUpToKopecks`; above it, `percentAbove` per cent of the whole amount or of the part above the free
 * amount, as `percentOf` says. The core charges by it and the payment form previews by it.
 */
export interface PromisedFeeRule {
  freeUpToKopecks: number;
  percentAbove: number;
  percentOf: 'whole-amount' | 'part-above';
}

export function promisedFee(amountKopecks: number, rule: PromisedFeeRule): number {
  if (amountKopecks <= rule.freeUpToKopecks) return 0;
  const base = rule.percentOf === 'whole-amount' ? amountKopecks : amountKopecks - rule.freeUpToKopecks;
  return Math.round((base * rule.percentAbove) / 100);
}
