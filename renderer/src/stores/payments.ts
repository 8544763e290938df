import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { InputOf } from '../../../shared/contract/index';
import type { AutopayRule, Payment, PaymentOptions, PromisedOffer, Receipt, TransferPreview } from '../../../shared/contract/payments';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

type HistoryQuery = InputOf<'payments.history'>;

/** «Платежи»: limits and saved cards, top-ups, transfers, the promised payment and the history. */
export const usePaymentsStore = defineStore('payments', () => {
  const options = ref<PaymentOptions | null>(null);
  const offer = ref<PromisedOffer | null>(null);
  const autopay = ref<AutopayRule | null | undefined>(undefined);
  const history = ref<Payment[]>([]);
  const historyQuery = ref<HistoryQuery>({ filter: 'all' });
  const loading = ref(false);
  const error = ref<CabinetError | null>(null);

  const { pending: working, run: guarded, reset: resetWorking } = usePending();

  async function loadOptions(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const result = await cabinet.payments.options({});
      if (result.ok) options.value = result.value;
      else error.value = result.error;
    } finally {
      loading.value = false;
    }
  }

  async function loadOffer(): Promise<void> {
    const result = await cabinet.payments.promisedOffer({});
    if (result.ok) offer.value = result.value;
    else error.value = result.error;
  }

  async function loadHistory(query: HistoryQuery = historyQuery.value): Promise<CabinetError | null> {
    historyQuery.value = query;
    loading.value = true;
    try {
      const result = await cabinet.payments.history(query);
      if (!result.ok) return result.error;
      history.value = result.value;
      return null;
    } finally {
      loading.value = false;
    }
  }

  /** After money moved: whatever is on screen follows (the overview follows the account.changed event). */
  async function refresh(): Promise<void> {
    await Promise.all([options.value ? loadOptions() : null, offer.value ? loadOffer() : null, history.value.length ? loadHistory() : null]);
  }

  const topUpByCard = (input: InputOf<'payments.topUpByCard'>) => guarded(() => cabinet.payments.topUpByCard(input));
  const confirmChallenge = (paymentId: string, code: string) => guarded(() => cabinet.payments.confirmChallenge({ paymentId, code }));
  const checkStatus = (paymentId: string) => guarded(() => cabinet.payments.checkStatus({ paymentId }));
  /** Answers when the person is back from the bank's window (or closed it). */
  const confirmInBankWindow = (paymentId: string) => guarded(() => cabinet.payments.confirmInBankWindow({ paymentId }));
  /** Not guarded: it is what ends the wait of `confirmInBankWindow`. */
  const cancelBankWindow = (paymentId: string) => cabinet.payments.cancelBankWindow({ paymentId });
  const topUpByWallet = (input: InputOf<'payments.topUpByWallet'>) => guarded(() => cabinet.payments.topUpByWallet(input));
  const confirmWallet = (paymentId: string, approve: boolean) => guarded(() => cabinet.payments.confirmWallet({ paymentId, approve }));
  const previewTransfer = (to: string, amountKopecks: number): Promise<Result<TransferPreview>> =>
    guarded(() => cabinet.payments.previewTransfer({ to, amountKopecks }));
  const startTransfer = (input: InputOf<'payments.startTransfer'>) => guarded(() => cabinet.payments.startTransfer(input));
  const confirmTransfer = (paymentId: string, code: string) => guarded(() => cabinet.payments.confirmTransfer({ paymentId, code }));
  const receipt = (paymentId: string): Promise<Result<Receipt>> => cabinet.payments.receipt({ paymentId });

  async function takePromised(amountKopecks: number, idempotencyKey: string): Promise<CabinetError | null> {
    const result = await guarded(() => cabinet.payments.takePromised({ amountKopecks, idempotencyKey }));
    if (!result.ok) return result.error;
    offer.value = result.value;
    return null;
  }

  async function loadAutopay(): Promise<void> {
    const result = await cabinet.payments.autopay({});
    if (result.ok) autopay.value = result.value;
    else error.value = result.error;
  }

  /** Sets, pauses or removes the autopay rule; the answer is the rule as it now stands. */
  async function changeAutopay(
    change: { set: InputOf<'payments.setAutopay'> } | { paused: boolean } | { remove: true },
  ): Promise<CabinetError | null> {
    const result = await guarded(() =>
      'set' in change
        ? cabinet.payments.setAutopay(change.set)
        : 'paused' in change
          ? cabinet.payments.pauseAutopay({ paused: change.paused })
          : cabinet.payments.removeAutopay({}),
    );
    if (!result.ok) return result.error;
    autopay.value = result.value;
    return null;
  }

  async function forgetCard(cardId: string): Promise<void> {
    const result = await guarded(() => cabinet.payments.forgetCard({ cardId }));
    if (result.ok && options.value) options.value = { ...options.value, savedCards: result.value };
    if (autopay.value !== undefined) await loadAutopay();
  }

  function $reset(): void {
    options.value = null;
    offer.value = null;
    autopay.value = undefined;
    history.value = [];
    historyQuery.value = { filter: 'all' };
    loading.value = false;
    resetWorking();
    error.value = null;
  }

  return {
    options,
    offer,
    autopay,
    loadAutopay,
    changeAutopay,
    history,
    historyQuery,
    loading,
    working,
    error,
    loadOptions,
    loadOffer,
    loadHistory,
    refresh,
    topUpByCard,
    confirmChallenge,
    checkStatus,
    confirmInBankWindow,
    cancelBankWindow,
    topUpByWallet,
    confirmWallet,
    previewTransfer,
    startTransfer,
    confirmTransfer,
    takePromised,
    forgetCard,
    receipt,
    $reset,
  };
});
