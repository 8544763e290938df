/** The ledger accounts the core posts to. A line's balance is the sum of its account's entries. */
export const lineAccount = (lineId: string): string => `line:${lineId}`;
export const OPERATOR_REVENUE_ACCOUNT = 'operator:revenue';
/** Balances the demo subscribers' opening balances. */
export const OPENING_BALANCES_ACCOUNT = 'operator:opening-balances';
/** Money the acquirer owes the operator for card payments it accepted. */
export const ACQUIRER_CLEARING_ACCOUNT = 'acquirer:clearing';
/** Money an e-wallet owes the operator. */
export const walletClearingAccount = (walletId: string): string => `wallet:${walletId}:clearing`;
/** Credit the operator extended as promised payments, not yet repaid. */
export const PROMISED_CREDIT_ACCOUNT = 'operator:promised-credit';
/** Transfer commissions and promised-payment fees. */
export const OPERATOR_FEES_ACCOUNT = 'operator:fees';
