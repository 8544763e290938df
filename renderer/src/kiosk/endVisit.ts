import { cabinet } from '../api';
import { router } from '../router';
import { resetEveryStore } from '../stores/everyStore';
import { clearRendererStorage } from './clearRendererStorage';

/** Stores that belong to the computer, not to the person in front of it. */
const perComputerStores = ['preferences', 'vault', 'kiosk'];

let ending: Promise<void> | null = null;

/**
 * Ends a subscriber's visit to a kiosk: the session is closed on the main side (which wipes the window's
 * storage), every store is reset, the page's own storage is emptied, and the page loads afresh on the
 * start screen, so nothing of this person is left even in memory. Safe to call twice.
 */
export function endKioskVisit(): Promise<void> {
  ending ??= (async () => {
    // Whatever fails on the way, the page still wipes itself and starts again.
    try {
      await cabinet.kiosk.endSession({});
      resetEveryStore(perComputerStores);
    } finally {
      try {
        // The router keeps scroll positions of the pages visited in sessionStorage, and writes them as the
        // page unloads: it lets go of the page first, so the wipe is the last word.
        router.options.history.destroy();
        await clearRendererStorage();
      } finally {
        location.hash = '#/sign-in';
        location.reload();
      }
    }
  })();
  return ending;
}
