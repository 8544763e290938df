/**
 * The operator's rules for moving remainders (remainders.json, checked by zod at seeding). Gigabytes and
 * minutes as the operator states them; the core turns gigabytes into kilobytes (1 GB = 1 048 576 KB).
 */
export interface RemainderRules {
  exchange: {
    /** Minutes → data: this many minutes buy one gigabyte. */
    minutesPerGigabyteGiven: number;
    /** Data → minutes: one gigabyte buys this many minutes. */
    minutesPerGigabyteTaken: number;
    minGigabytes: number;
    maxGigabytes: number;
  };
  share: {
    minGigabytes: number;
    maxGigabytes: number;
    /** Gigabytes a line may give in one billing period. */
    perPeriodGigabytes: number;
    feeKopecks: number;
    receivedDays: number;
    extendedDays: number;
    extensionFeeKopecks: number;
    receivedPackagesAtOnce: number;
  };
  market: {
    lotsListedAtOnce: number;
    /** Per kind: the lot's size (minutes; whole gigabytes) and the price per unit the seller may ask. */
    voice: MarketBounds;
    data: MarketBounds;
  };
}

export interface MarketBounds {
  minAmount: number;
  maxAmount: number;
  minKopecksPerUnit: number;
  maxKopecksPerUnit: number;
}

export const KB_PER_GB = 1024 * 1024;
