import { app, BrowserWindow, clipboard, session, webContents, type WebContents } from 'electron';
import type { KioskConfigStore, KioskHost, PrintableReceipt, ReceiptPrinter } from '../core/kiosk/ports';
import type { Logger } from '../core/logger';
import { isSwallowedShortcut, KIOSK_WINDOW_TITLE } from './kioskWindowOptions';
import { relaunchOptions } from '../desktop/relaunch';
import { ReceiptFiles } from './receiptFiles';

/** `--kiosk` on the command line writes the setting; the staff panel's «Выйти из режима киоска» clears it. */
export function kioskEnabled(config: KioskConfigStore, argv: readonly string[]): boolean {
  if (argv.includes('--kiosk') && !config.read().enabled) config.write({ ...config.read(), enabled: true });
  return config.read().enabled;
}

/**
 * What Electron allows beyond the window's options: swallowed shortcuts, no devtools even if asked,
 * a fixed title, no downloads (they would open a save dialog), no closing except by leaving the kiosk.
 */
export function lockDownKioskWindow(window: BrowserWindow, mayClose: () => boolean): void {
  window.setMenu(null);
  window.setTitle(KIOSK_WINDOW_TITLE);
  window.on('page-title-updated', (event) => event.preventDefault());
  window.on('close', (event) => {
    if (!mayClose()) event.preventDefault();
  });
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    if (isSwallowedShortcut(input)) event.preventDefault();
  });
  contents.on('devtools-opened', () => contents.closeDevTools());
  contents.session.on('will-download', (event) => event.preventDefault());
}

/**
 * Prints silently on the kiosk's printer; with CABINET_RECEIPT_PDF_DIR set (tests), writes a PDF there instead,
 * which the end of the visit deletes.
 */
export function electronReceiptPrinter(owner: () => BrowserWindow | null, logger: Logger): ReceiptPrinter {
  const pdfDir = process.env.CABINET_RECEIPT_PDF_DIR;
  const files = pdfDir ? new ReceiptFiles(pdfDir) : null;
  return {
    ...(files ? { deleteReceiptFiles: () => files.deleteAll() } : {}),
    printers: async () => {
      const window = owner();
      if (!window) return [];
      const printers = await window.webContents.getPrintersAsync();
      return printers.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name, isDefault: Boolean((printer as { isDefault?: boolean }).isDefault) }));
    },
    print: async (receipt: PrintableReceipt, printer: string | null) => {
      // A window of its own, hidden, scripts off: the receipt is plain HTML and nothing else.
      const paper = new BrowserWindow({
        show: false,
        webPreferences: {
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          javascript: false,
          disableBlinkFeatures: 'Auxclick',
          webviewTag: false,
          navigateOnDragDrop: false,
          devTools: false,
        },
      });
      try {
        await paper.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(receipt.html)}`);
        if (files) {
          await files.write(await paper.webContents.printToPDF({ pageSize: 'A6', printBackground: false }));
          return;
        }
        await new Promise<void>((resolve, reject) => {
          paper.webContents.print({ silent: true, printBackground: false, ...(printer ? { deviceName: printer } : {}) }, (success, failureReason) =>
            success ? resolve() : reject(new Error(`the receipt was not printed: ${failureReason}`)),
          );
        });
      } catch (error) {
        logger.warn('a receipt could not be printed', { error: (error as Error).message });
        throw error;
      } finally {
        paper.destroy();
      }
    },
  };
}

/** The Electron side of a kiosk: wiping a window's storage and the clipboard, printing, and restarting as a normal cabinet. */
export function electronKioskHost(owner: () => BrowserWindow | null, logger: Logger, leave: () => void): KioskHost {
  return {
    printer: electronReceiptPrinter(owner, logger),
    clearWindowStorage: async (windowId) => {
      const contents: WebContents | undefined = webContents.fromId(Number(windowId));
      const target = contents?.session ?? session.defaultSession;
      await target.clearStorageData({
        storages: ['cookies', 'filesystem', 'indexdb', 'localstorage', 'shadercache', 'serviceworkers', 'cachestorage'],
      });
      await target.clearCache();
      await target.clearAuthCache();
      // sessionStorage lives in the page itself: the renderer clears it and reloads.
    },
    clearClipboard: async () => {
      clipboard.clear();
      // Linux keeps the last selection apart from the clipboard (a middle click pastes it); only there is `selection` set.
      (clipboard.selection as typeof clipboard.selection | undefined)?.clear();
    },
    exitKiosk: () => {
      leave();
      app.relaunch(relaunchOptions(process.argv, process.env, ['--kiosk']));
      app.quit();
    },
  };
}
