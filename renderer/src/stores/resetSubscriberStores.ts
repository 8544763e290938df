import { useAccountStore } from './account';
import { useSessionStore } from './session';
import { useTariffsStore } from './tariffs';
import { useServicesStore } from './services';
import { usePaymentsStore } from './payments';
import { useDetailStore } from './detail';
import { useSecurityStore } from './security';
import { useProfileStore } from './profile';
import { useSupportStore } from './support';
import { resetStoreIfMade } from './everyStore';

/**
 * Forgets everything about the signed-out subscriber; per-computer preferences stay. `keepSession`: only the
 * number's data goes (the window switched to another number of the profile).
 */
export function resetSubscriberStores(options: { keepSession?: boolean } = {}): void {
  if (!options.keepSession) {
    useSessionStore().$reset();
    useSecurityStore().$reset();
    useProfileStore().$reset();
    // Requests belong to the profile, not to one of its numbers: they stay when the window switches numbers.
    useSupportStore().$reset();
  }
  useAccountStore().$reset();
  useTariffsStore().$reset();
  useServicesStore().$reset();
  usePaymentsStore().$reset();
  useDetailStore().$reset();
  // «Остатки» loads with its screen: reset by id, so that its code stays out of the first screen.
  resetStoreIfMade('remainders');
}
