import { computed, ref, type ComputedRef, type Ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';

/**
 * Whether any call started through `run` is still answering: counted, so two calls in flight stay pending until both
 * have answered (a flag set and cleared by each would clear while the other still runs).
 */
export function usePending(): { pending: ComputedRef<boolean>; run: <T>(call: () => Promise<T>) => Promise<T>; reset: () => void } {
  const inFlight = ref(0);
  let generation = 0;
  async function run<T>(call: () => Promise<T>): Promise<T> {
    const mine = generation;
    inFlight.value += 1;
    try {
      return await call();
    } finally {
      if (mine === generation) inFlight.value -= 1;
    }
  }
  /** After a sign-out: calls of the old session that answer later no longer count. */
  function reset(): void {
    generation += 1;
    inFlight.value = 0;
  }
  return { pending: computed(() => inFlight.value > 0), run, reset };
}

/**
 * One method of the contract as the screens use it: `data` (the last answer's value), `error` (the last answer's
 * error, cleared when a call starts), `pending`; `call` resolves with the error, or null when it succeeded.
 */
export function useCall<I, O>(method: (input: I) => Promise<Result<O>>): {
  data: Ref<O | null>;
  error: Ref<CabinetError | null>;
  pending: ComputedRef<boolean>;
  call: (input: I) => Promise<CabinetError | null>;
} {
  const data = ref<O | null>(null) as Ref<O | null>;
  const error = ref<CabinetError | null>(null);
  const { pending, run } = usePending();
  async function call(input: I): Promise<CabinetError | null> {
    error.value = null;
    const result = await run(() => method(input));
    if (result.ok) data.value = result.value;
    else error.value = result.error;
    return result.ok ? null : result.error;
  }
  return { data, error, pending, call };
}
