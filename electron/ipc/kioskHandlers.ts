import type { StaffPanel } from '../../shared/contract/kiosk';
import type { MethodPath } from '../../shared/contract/index';
import { DomainError, StoreUnavailableError, UnauthenticatedError } from '../core/errors';
import type { KioskHost } from '../core/kiosk/ports';
import { receiptDocument } from '../core/kiosk/receiptDocument';
import type { KioskStaffPanel } from '../core/kiosk/staffPanel';
import type { Logger } from '../core/logger';
import type { Handlers } from './dispatcher';
import type { CoreServices } from './handlers';

export interface KioskDependencies {
  staff: KioskStaffPanel;
  /** Electron (silent print, session storage) or the harness; absent where nothing hosts a kiosk. */
  host: KioskHost | null;
  logger: Logger;
  /** The end of a subscriber's visit: the main side wipes what it holds of them (clipboard, messages, card data, receipts). */
  visitEnded: () => Promise<void>;
}

type KioskMethod = Extract<MethodPath, `kiosk.${string}`>;

/** Refuses what a shared store computer must not offer (social sign-in in a browser, remembering a card). */
export function refuseInKiosk(kiosk: KioskDependencies, what: string): void {
  if (kiosk.staff.enabled) throw new DomainError('FORBIDDEN', `${what} is off on a store kiosk`, { reason: 'kiosk' });
}

/** The `kiosk` area: the staff panel behind its PIN, the end of a subscriber's visit and the receipt printer. */
export function createKioskHandlers(kiosk: KioskDependencies, core: () => CoreServices | null): Pick<Handlers, KioskMethod> {
  const { staff } = kiosk;
  const host = (): KioskHost => {
    if (!staff.enabled || !kiosk.host) throw new DomainError('NOT_ELIGIBLE', 'this computer does not run the kiosk profile', { reason: 'not-kiosk' });
    return kiosk.host;
  };
  const panel = async (windowId: string): Promise<StaffPanel> => {
    staff.requireStaff(windowId);
    const printers = await host()
      .printer.printers()
      .catch((error: unknown) => {
        kiosk.logger.warn('the list of printers could not be read', { error: String(error) });
        return [];
      });
    return { settings: staff.settings(), printers, log: staff.log() };
  };
  /** Receipts already printed in this run: the automatic print after a payment happens once. */
  const printed = new Set<string>();

  return {
    'kiosk.status': async (_input, context) => staff.status(context.windowId),
    'kiosk.setPin': async ({ pin }, context) => {
      await staff.setPin(context.windowId, pin);
      return staff.status(context.windowId);
    },
    'kiosk.unlockPanel': async ({ pin }, context) => {
      await staff.unlock(context.windowId, pin);
      return panel(context.windowId);
    },
    'kiosk.changePin': async ({ current, pin }, context) => {
      await staff.changePin(context.windowId, current, pin);
      return panel(context.windowId);
    },
    'kiosk.lockPanel': async (_input, context) => {
      staff.lock(context.windowId);
      return staff.status(context.windowId);
    },
    'kiosk.panel': async (_input, context) => panel(context.windowId),
    'kiosk.updateSettings': async (patch, context) => {
      staff.updateSettings(context.windowId, patch);
      return panel(context.windowId);
    },
    'kiosk.exit': async (_input, context) => {
      const exiting = host();
      staff.requireStaff(context.windowId);
      // The subscriber (if any) is signed out and the visit wiped while this is still a kiosk; then the profile
      // is left and the window wiped before the app restarts.
      context.unbindSession();
      await kiosk.visitEnded();
      staff.exit(context.windowId);
      await exiting.clearWindowStorage(context.windowId);
      exiting.exitKiosk();
      return { exited: true as const };
    },
    'kiosk.endSession': async (_input, context) => {
      const session = context.unbindSession();
      // A prompt still waiting on the phone must not sign the next person in as this one.
      const services = core();
      services?.confirmationSignIn.cancel(context.windowId);
      services?.socialSignIn.cancel(context.windowId, false);
      if (staff.enabled && kiosk.host) await kiosk.host.clearWindowStorage(context.windowId);
      await kiosk.visitEnded();
      return { ended: session !== null };
    },
    'kiosk.printReceipt': async ({ paymentId, copy }, context) => {
      const printing = host();
      if (!context.session) throw new UnauthenticatedError();
      const services = core();
      if (!services) throw new StoreUnavailableError('the local store is not open yet');
      const receipt = await services.paymentHistory.receipt(context.session.lineId, paymentId);
      if (receipt.payment.status !== 'succeeded') throw new DomainError('NOT_ELIGIBLE', 'only a completed payment has a receipt to print', { reason: 'not-completed' });
      const settings = staff.settings();
      if (printed.has(paymentId) && !copy) return { printed: false, printer: settings.printer };
      await printing.printer.print(receiptDocument(receipt, { storeName: settings.storeName, region: settings.region }), settings.printer);
      printed.add(paymentId);
      return { printed: true, printer: settings.printer };
    },
  };
}
