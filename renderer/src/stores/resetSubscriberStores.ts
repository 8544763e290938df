import { useAccountStore } from './account';
import { useSessionStore } from './session';

/** Forgets everything about the signed-out subscriber; per-computer preferences stay. */
export function resetSubscriberStores(): void {
  useSessionStore().$reset();
  useAccountStore().$reset();
}
