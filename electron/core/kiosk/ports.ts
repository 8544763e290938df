import type { KioskSettings, PrinterInfo, StaffAction } from './model';

/** A staff log line as kept: time in epoch ms. */
export interface StoredStaffLogEntry {
  at: number;
  action: StaffAction;
  detail: string;
}

/** Everything the kiosk profile keeps about itself on this computer; nothing of a subscriber. */
export interface KioskState {
  enabled: boolean;
  /** scrypt hash of the staff PIN (`scrypt$N$r$p$salt$hash`), never the PIN. */
  pinHash: string | null;
  /** Wrong PINs in a row since the last right one or the last lockout. */
  failedAttempts: number;
  lockedUntil: number | null;
  settings: KioskSettings;
  log: StoredStaffLogEntry[];
}

/**
 * Where the kiosk state lives: electron-store's kiosk.json in the app, memory in tests.
 * Read before the encrypted store opens, because the window's shape depends on it.
 */
export interface KioskConfigStore {
  read(): KioskState;
  write(state: KioskState): void;
}

export interface PinHasher {
  hash(pin: string): Promise<string>;
  verify(pin: string, stored: string): Promise<boolean>;
}

/** A receipt ready for paper: plain lines and the same as a self-contained HTML page. */
export interface PrintableReceipt {
  title: string;
  lines: Array<{ label: string; value: string }>;
  html: string;
}

/** The kiosk's receipt printer: Electron's silent print in the app, a recording printer in tests. */
export interface ReceiptPrinter {
  printers(): Promise<PrinterInfo[]>;
  /** Prints on `printer` (null: the system default) without a dialog. */
  print(receipt: PrintableReceipt, printer: string | null): Promise<void>;
  /** Deletes every receipt file it wrote (a printer that prints to PDF files); one that writes no files has none. */
  deleteReceiptFiles?(): Promise<void>;
}

/** What only the host (Electron or the harness) can do for a kiosk window. */
export interface KioskHost {
  /** Wipes the window's renderer storage: localStorage, sessionStorage, IndexedDB, Cache Storage, cookies. */
  clearWindowStorage(windowId: string): Promise<void>;
  /** Leaves the kiosk profile (the app restarts as a normal cabinet). */
  exitKiosk(): void;
  /** Empties the computer's clipboard (Electron's `clipboard.clear()`): a copied number or code must not reach the next person. */
  clearClipboard(): Promise<void>;
  printer: ReceiptPrinter;
}
