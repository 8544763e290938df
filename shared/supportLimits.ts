/**
 * What a support request may hold: the contract's schemas check input against these, the core its own rules. In
 * `shared/` (not the contract) so the core reads the same figures without importing the wire's types.
 */
export const SUPPORT_TEXT_MIN_LENGTH = 5;
export const SUPPORT_TEXT_MAX_LENGTH = 2000;
export const SEARCH_QUERY_MAX_LENGTH = 200;
/** A screenshot may be up to 2 MB; its type is told by its first bytes, not by its name. */
export const ATTACHMENT_MAX_BYTES = 2 * 1024 * 1024;
