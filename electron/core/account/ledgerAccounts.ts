/** The ledger accounts the core posts to. A line's balance is the sum of its account's entries. */
export const lineAccount = (lineId: string): string => `line:${lineId}`;
export const OPERATOR_REVENUE_ACCOUNT = 'operator:revenue';
/** Balances the demo subscribers' opening balances. */
export const OPENING_BALANCES_ACCOUNT = 'operator:opening-balances';
