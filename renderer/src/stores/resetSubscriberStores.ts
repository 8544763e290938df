import { useAccountStore } from './account';
import { useSessionStore } from './session';
import { useTariffsStore } from './tariffs';
import { useServicesStore } from './services';
import { usePaymentsStore } from './payments';
import { useDetailStore } from './detail';

/** Forgets everything about the signed-out subscriber; per-computer preferences stay. */
export function resetSubscriberStores(): void {
  useSessionStore().$reset();
  useAccountStore().$reset();
  useTariffsStore().$reset();
  useServicesStore().$reset();
  usePaymentsStore().$reset();
  useDetailStore().$reset();
}
