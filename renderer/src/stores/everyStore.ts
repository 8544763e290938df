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
