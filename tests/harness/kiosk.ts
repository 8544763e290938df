import { PasswordHasher, type ScryptCost } from '../../electron/core/auth/passwordHasher';
import type { KioskHost, PrintableReceipt } from '../../electron/core/kiosk/ports';
import { MemoryKioskConfigStore } from '../../electron/settings/kioskConfigStore';
import type { KioskSettings, PrinterInfo } from '../../shared/contract/kiosk';

export interface HarnessKioskOptions {
  /** A staff PIN already set (the first-start screen is skipped); null: none yet. "482915" by default. */
  pin?: string | null;
  /** Shortened in tests so an idle end does not take 90 s. */
  settings?: Partial<KioskSettings>;
}

export interface HarnessKiosk {
  config: MemoryKioskConfigStore;
  host: KioskHost;
  pinCost: ScryptCost;
  /** What the kiosk printer received, in order. */
  printed: PrintableReceipt[];
  /** Windows whose storage the main side was asked to wipe. */
  wipedWindows: string[];
  /** Staff left the kiosk profile. */
  exited: boolean;
  /** How often the main side emptied the clipboard (the end of each visit). */
  clipboardClears: number;
}

export const HARNESS_PRINTERS: PrinterInfo[] = [
  { name: 'POS-80', displayName: 'Чековый принтер POS-80', isDefault: true },
  { name: 'Office-A4', displayName: 'Офисный принтер', isDefault: false },
];

/** The kiosk profile for the e2e harness: in-memory kiosk.json, a printer that records, wipes that are counted. */
export async function harnessKiosk(options: HarnessKioskOptions): Promise<HarnessKiosk> {
  const pinCost: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };
  const pin = options.pin === undefined ? '482915' : options.pin;
  const config = new MemoryKioskConfigStore({
    enabled: true,
    pinHash: pin === null ? null : await new PasswordHasher(pinCost).hash(pin),
    settings: { storeName: 'Салон связи на Тверской', region: 'Москва', ...options.settings },
  });
  const kiosk: HarnessKiosk = {
    config,
    pinCost,
    printed: [],
    wipedWindows: [],
    exited: false,
    clipboardClears: 0,
    host: {
      printer: {
        printers: async () => HARNESS_PRINTERS.map((printer) => ({ ...printer })),
        print: async (receipt) => void kiosk.printed.push(receipt),
      },
      clearWindowStorage: async (windowId) => void kiosk.wipedWindows.push(windowId),
      exitKiosk: () => void (kiosk.exited = true),
      clearClipboard: async () => void (kiosk.clipboardClears += 1),
    },
  };
  return kiosk;
}
