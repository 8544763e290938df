/**
 * The contract's method and event names, and nothing else: what `window.cabinet` is built from in the preload (and
 * the harness's bridge). The schemas stay on the main side, so the preload need not evaluate zod and every schema
 * before the page may start (≈ 90 ms of a window's start, 500 KB of preload). `tests/unit/contractNames.test.ts`
 * proves these lists are exactly the contract's; the compiler proves each name exists in it.
 */
import type { contract } from './index';
import type { EventName } from './events';

type MethodNames = { readonly [Area in keyof typeof contract]: ReadonlyArray<keyof (typeof contract)[Area] & string> };

export const methodNames = {
  auth: ['signInWithPassword', 'requestCode', 'signInWithCode', 'signInWithPuk', 'startConfirmation', 'cancelConfirmation', 'socialProviders', 'startSocialSignIn', 'cancelSocialSignIn', 'setPassword', 'signOut', 'signOutEverywhere', 'currentSession'],
  account: ['overview', 'recentActivity', 'detailSummary', 'detailPage', 'exportDetail', 'cancelExport'],
  tariffs: ['advice', 'catalog', 'previewChange', 'change'],
  services: ['catalog', 'connect', 'disconnect'],
  payments: ['options', 'topUpByCard', 'confirmChallenge', 'confirmInBankWindow', 'cancelBankWindow', 'checkStatus', 'topUpByWallet', 'confirmWallet', 'forgetCard', 'previewTransfer', 'startTransfer', 'confirmTransfer', 'promisedOffer', 'takePromised', 'history', 'receipt', 'autopay', 'setAutopay', 'pauseAutopay', 'removeAutopay'],
  security: ['changePassword', 'sessions', 'endSession', 'endOtherSessions', 'signInHistory', 'simBlock', 'blockSim', 'unblockSim', 'smsHistory'],
  numbers: ['list', 'requestAttach', 'confirmAttach', 'switch', 'detach'],
  profile: ['get', 'update', 'requestEmailCode', 'confirmEmail', 'setNotifications', 'linkSocial', 'unlinkSocial'],
  support: ['topics', 'searchArticles', 'createRequest', 'requests', 'request', 'reply', 'close', 'attachment'],
  settings: ['appInfo', 'preferences', 'diagnostics', 'adapterSettings', 'updateAdapterSettings', 'startWithSystem', 'setStartWithSystem', 'updatePreferences'],
  vault: ['status', 'unlock', 'changePassphrase'],
  kiosk: ['status', 'setPin', 'changePin', 'unlockPanel', 'lockPanel', 'panel', 'updateSettings', 'exit', 'endSession', 'printReceipt'],
  remainders: ['view', 'previewExchange', 'exchange', 'lots', 'myLots', 'listLot', 'buyLot', 'withdrawLot', 'previewShare', 'startShare', 'confirmShare', 'extendReceived'],
  subscriptions: ['list', 'cancel', 'setBan', 'forecast', 'setBudget'],
} as const satisfies MethodNames;

export const eventNameList = [
  'session.ended',
  'confirmation.resolved',
  'account.changed',
  'social.resolved',
  'preferences.changed',
  'export.progress',
  'alert.raised',
  'app.navigate',
  'update.status',
] as const satisfies readonly EventName[];
