/**
 * Words the operator's data gives in both of the app's languages (a tariff's name, an article's title).
 * The core's own: the IPC contract's `LocalizedText` has the same shape, and `electron/ipc/modelChecks.ts` has the
 * compiler prove it stays so.
 */
export interface LocalizedText {
  ru: string;
  en: string;
}
