import type { StaffPanel } from '../../../shared/contract/kiosk';
import { DomainError } from '../../core/errors';
import type { KioskHost } from '../../core/kiosk/ports';
import { receiptDocument } from '../../core/kiosk/receiptDocument';
import type { AreaProcedures, KioskDependencies, Procedures } from '../procedure';

/** The kiosk's host, or NOT_ELIGIBLE on a computer that does not run the kiosk profile. */
function hostOf(kiosk: KioskDependencies): KioskHost {
  if (!kiosk.staff.enabled || !kiosk.host) throw new DomainError('NOT_ELIGIBLE', 'this computer does not run the kiosk profile', { reason: 'not-kiosk' });
  return kiosk.host;
}

async function panel(kiosk: KioskDependencies, windowId: string): Promise<StaffPanel> {
  kiosk.staff.requireStaff(windowId);
  const printers = await hostOf(kiosk)
    .printer.printers()
    .catch((error: unknown) => {
      kiosk.logger.warn('the list of printers could not be read', { error: String(error) });
      return [];
    });
  return { settings: kiosk.staff.settings(), printers, log: kiosk.staff.log() };
}

/** The `kiosk` area: the staff panel behind its PIN, the end of a subscriber's visit and the receipt printer. */
export const kioskProcedures = (procedure: Procedures): AreaProcedures<'kiosk'> => {
  /** Receipts already printed in this run: the automatic print after a payment happens once. */
  const printed = new Set<string>();
  return {
    'kiosk.status': procedure.public(async (_input, { deps, windowId }) => deps.kiosk.staff.status(windowId)),
    'kiosk.setPin': procedure.public(async ({ pin }, { deps, windowId }) => {
      await deps.kiosk.staff.setPin(windowId, pin);
      return deps.kiosk.staff.status(windowId);
    }),
    'kiosk.unlockPanel': procedure.public(async ({ pin }, { deps, windowId }) => {
      await deps.kiosk.staff.unlock(windowId, pin);
      return panel(deps.kiosk, windowId);
    }),
    'kiosk.changePin': procedure.public(async ({ current, pin }, { deps, windowId }) => {
      await deps.kiosk.staff.changePin(windowId, current, pin);
      return panel(deps.kiosk, windowId);
    }),
    'kiosk.lockPanel': procedure.public(async (_input, { deps, windowId }) => {
      deps.kiosk.staff.lock(windowId);
      return deps.kiosk.staff.status(windowId);
    }),
    'kiosk.panel': procedure.public(async (_input, { deps, windowId }) => panel(deps.kiosk, windowId)),
    'kiosk.updateSettings': procedure.public(async (patch, { deps, windowId }) => {
      deps.kiosk.staff.updateSettings(windowId, patch);
      return panel(deps.kiosk, windowId);
    }),
    'kiosk.exit': procedure.public(async (_input, { deps, window, windowId }) => {
      const exiting = hostOf(deps.kiosk);
      deps.kiosk.staff.requireStaff(windowId);
      // The subscriber (if any) is signed out and the visit wiped while this is still a kiosk; then the profile
      // is left and the window wiped before the app restarts.
      window.unbindSession();
      await deps.kiosk.visitEnded();
      deps.kiosk.staff.exit(windowId);
      await exiting.clearWindowStorage(windowId);
      exiting.exitKiosk();
      return { exited: true as const };
    }),
    'kiosk.endSession': procedure.public(async (_input, { deps, window, windowId }) => {
      const session = window.unbindSession();
      // A prompt still waiting on the phone must not sign the next person in as this one.
      const services = deps.core();
      services?.confirmationSignIn.cancel(windowId);
      services?.socialSignIn.cancel(windowId, false);
      if (deps.kiosk.staff.enabled && deps.kiosk.host) await deps.kiosk.host.clearWindowStorage(windowId);
      await deps.kiosk.visitEnded();
      return { ended: session !== null };
    }),
    'kiosk.printReceipt': procedure.signedIn(async ({ paymentId, copy }, { core, line, deps }) => {
      const printing = hostOf(deps.kiosk);
      const receipt = await core.paymentHistory.receipt(line.id, paymentId);
      if (receipt.payment.status !== 'succeeded') throw new DomainError('NOT_ELIGIBLE', 'only a completed payment has a receipt to print', { reason: 'not-completed' });
      const settings = deps.kiosk.staff.settings();
      if (printed.has(paymentId) && !copy) return { printed: false, printer: settings.printer };
      await printing.printer.print(receiptDocument(receipt, { storeName: settings.storeName, region: settings.region }), settings.printer);
      printed.add(paymentId);
      return { printed: true, printer: settings.printer };
    }),
  };
};
