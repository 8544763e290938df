import Store from 'electron-store';
import type { KioskConfigStore, KioskState } from '../core/kiosk/ports';
import { emptyKioskState, parseKioskState } from './kioskConfigStore';

/**
 * The kiosk profile's state in `<userData>/kiosk.json` (electron-store), apart from the encrypted store:
 * the window is shaped by it before the store opens (or is unlocked), and the staff panel works even
 * while the store is locked. It holds no subscriber data; the PIN only as an scrypt hash.
 */
export class ElectronKioskConfigStore implements KioskConfigStore {
  private readonly store = new Store<{ kiosk: KioskState }>({ name: 'kiosk', defaults: { kiosk: emptyKioskState() } });

  read(): KioskState {
    return parseKioskState(this.store.get('kiosk'));
  }

  write(state: KioskState): void {
    this.store.set('kiosk', state);
  }
}
