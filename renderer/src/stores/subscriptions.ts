import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { BanKind, BudgetForecast, SubscriptionsAndBans } from '../../../shared/contract/subscriptions';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

/** «Подписки и запреты»: paid content subscriptions, bans, and the period's spend forecast with the budget. */
export const useSubscriptionsStore = defineStore('subscriptions', () => {
  const state = ref<SubscriptionsAndBans | null>(null);
  const forecast = ref<BudgetForecast | null>(null);
  const { pending: working, run: guarded, reset: resetWorking } = usePending();
  const keep = <T>(target: { value: T }) => (result: Result<T>): CabinetError | null => {
    if (!result.ok) return result.error;
    target.value = result.value;
    return null;
  };

  const load = async () => keep(state)(await cabinet.subscriptions.list({}));
  const loadForecast = async () => keep(forecast)(await cabinet.subscriptions.forecast({}));
  const cancel = async (subscriptionId: string) => {
    const error = keep(state)(await guarded(() => cabinet.subscriptions.cancel({ subscriptionId })));
    if (!error) await loadForecast();
    return error;
  };
  const setBan = async (kind: BanKind, on: boolean, password: string) => keep(state)(await guarded(() => cabinet.subscriptions.setBan({ kind, on, password })));
  const setBudget = async (monthlyKopecks: number | null) => keep(forecast)(await guarded(() => cabinet.subscriptions.setBudget({ monthlyKopecks })));

  function $reset(): void {
    state.value = null;
    forecast.value = null;
    resetWorking();
  }

  return { state, forecast, working, load, loadForecast, cancel, setBan, setBudget, $reset };
});
