import type { PiniaPluginContext, StoreGeneric } from 'pinia';

const stores = new Map<string, StoreGeneric>();

/** A Pinia plugin that knows every store the app has made, so the end of a kiosk visit can reset them all. */
export function trackEveryStore({ store }: PiniaPluginContext): void {
  stores.set(store.$id, store);
}

/**
 * Resets every store except the per-computer ones named in `keep` (preferences, the vault, the kiosk).
 * A store without `$reset` is a mistake that would carry one subscriber's data to the next: it throws.
 */
export function resetEveryStore(keep: readonly string[]): void {
  for (const [id, store] of stores) {
    if (keep.includes(id)) continue;
    if (typeof store.$reset !== 'function') throw new Error(`the "${id}" store cannot be reset`);
    store.$reset();
  }
}

/**
 * Resets one store by its id if the app has made it (a screen's store that the first screen does not load: resetting
 * it by name keeps its code out of the first screen's bundle).
 */
export function resetStoreIfMade(id: string): void {
  const store = stores.get(id);
  if (!store) return;
  if (typeof store.$reset !== 'function') throw new Error(`the "${id}" store cannot be reset`);
  store.$reset();
}
