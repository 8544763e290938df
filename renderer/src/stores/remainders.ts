import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { InputOf } from '../../../shared/contract/index';
import type { Lot, MovableKind, RemaindersView } from '../../../shared/contract/remainders';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

/** «Остатки»: what is left and where, exchange, sharing and the market. The rules and numbers are the core's answers. */
export const useRemaindersStore = defineStore('remainders', () => {
  const view = ref<RemaindersView | null>(null);
  const lots = ref<Record<MovableKind, Lot[]>>({ voice: [], data: [] });
  const mine = ref<Lot[]>([]);
  const error = ref<CabinetError | null>(null);
  const { pending: working, run: guarded, reset: resetWorking } = usePending();

  async function load(): Promise<void> {
    const result = await cabinet.remainders.view({});
    if (result.ok) {
      view.value = result.value;
      error.value = null;
    } else error.value = result.error;
  }

  async function loadMarket(kind: MovableKind): Promise<void> {
    const [open, own] = await Promise.all([cabinet.remainders.lots({ kind }), cabinet.remainders.myLots({})]);
    if (open.ok) lots.value = { ...lots.value, [kind]: open.value };
    if (own.ok) mine.value = own.value;
    if (!open.ok) error.value = open.error;
  }

  /** A move: guarded (the buttons wait), and the view read again after it, whatever it answered. */
  async function move<T>(call: () => Promise<Result<T>>, kind?: MovableKind): Promise<Result<T>> {
    const result = await guarded(call);
    await load();
    if (kind) await loadMarket(kind);
    return result;
  }

  const previewExchange = (input: InputOf<'remainders.previewExchange'>) => guarded(() => cabinet.remainders.previewExchange(input));
  const exchange = (input: InputOf<'remainders.exchange'>) => move(() => cabinet.remainders.exchange(input));
  const listLot = (input: InputOf<'remainders.listLot'>) => move(() => cabinet.remainders.listLot(input), input.kind as MovableKind);
  const buyLot = (lot: Lot, idempotencyKey: string) => move(() => cabinet.remainders.buyLot({ lotId: lot.id, idempotencyKey }), lot.kind);
  const withdrawLot = (lot: Lot) => move(() => cabinet.remainders.withdrawLot({ lotId: lot.id }), lot.kind);
  const previewShare = (input: InputOf<'remainders.previewShare'>) => guarded(() => cabinet.remainders.previewShare(input));
  const startShare = (input: InputOf<'remainders.startShare'>) => guarded(() => cabinet.remainders.startShare(input));
  const confirmShare = (input: InputOf<'remainders.confirmShare'>) => move(() => cabinet.remainders.confirmShare(input));
  const extendReceived = (idempotencyKey: string) => move(() => cabinet.remainders.extendReceived({ idempotencyKey }));

  function $reset(): void {
    view.value = null;
    lots.value = { voice: [], data: [] };
    mine.value = [];
    error.value = null;
    resetWorking();
  }

  return { view, lots, mine, error, working, load, loadMarket, previewExchange, exchange, listLot, buyLot, withdrawLot, previewShare, startShare, confirmShare, extendReceived, $reset };
});
