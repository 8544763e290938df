import { BrowserWindow, session, type Session } from 'electron';
import type { BankPageHost } from '../core/money/ports';
import { bankPageNavigation, bankPagePolicy, guardBankPage } from './bankPagePolicy';

/** In memory (no `persist:`): the bank's cookies never mix with ours and are gone when the app quits. */
export const BANK_PAGE_PARTITION = 'bank-page';

let hardened: Session | null = null;
function bankSession(): Session {
  if (hardened) return hardened;
  const bank = session.fromPartition(BANK_PAGE_PARTITION);
  bank.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  bank.setPermissionCheckHandler(() => false);
  bank.setDevicePermissionHandler(() => false);
  hardened = bank;
  return bank;
}

/** The bank window's web contents: the app's general guards (our origin only) leave them to the bank page's own. */
export function isBankPageContents(contents: { session: Session }): boolean {
  const bank = bankSession();
  // Never the default session, whatever a partition lookup answers: our own windows always keep the general guards.
  return bank !== session.defaultSession && contents.session === bank;
}

/**
 * The bank's 3-D Secure page in a child window of the cabinet: sandboxed, no preload, no Node, no devtools, its
 * own in-memory session with every permission refused; it may visit only the acquirer's confirmation host (and
 * the operator's `confirmationHosts`), and closes when the page sends the person to the return address.
 */
export class BankPageWindows implements BankPageHost {
  private readonly open = new Map<string, { windowId: string; window: BrowserWindow; done: Promise<'returned' | 'closed'> }>();

  constructor(
    private readonly parent: () => BrowserWindow | null,
    private readonly extraHosts: () => string[],
    private readonly title: () => string,
  ) {}

  show(request: { windowId: string; paymentId: string; url: string; returnUrl: string }): Promise<'returned' | 'closed'> {
    const already = this.open.get(request.paymentId);
    if (already) {
      already.window.focus();
      return already.done;
    }
    const policy = bankPagePolicy(request.url, request.returnUrl, this.extraHosts());
    if (bankPageNavigation(request.url, policy) !== 'allow') return Promise.resolve('closed');
    const parent = this.parent();
    const window = new BrowserWindow({
      ...(parent ? { parent, modal: true } : {}),
      width: 560,
      height: 760,
      title: this.title(),
      autoHideMenuBar: true,
      webPreferences: {
        session: bankSession(),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        disableBlinkFeatures: 'Auxclick',
        webviewTag: false,
        navigateOnDragDrop: false,
        safeDialogs: true,
        spellcheck: false,
        devTools: false,
      },
    });
    window.removeMenu();
    let outcome: 'returned' | 'closed' = 'closed';
    const done = new Promise<'returned' | 'closed'>((resolve) => {
      window.on('closed', () => {
        this.open.delete(request.paymentId);
        resolve(outcome);
      });
    });
    guardBankPage(window.webContents, policy, () => {
      outcome = 'returned';
      if (!window.isDestroyed()) window.close();
    });
    this.open.set(request.paymentId, { windowId: request.windowId, window, done });
    window.loadURL(request.url).catch(() => undefined);
    return done;
  }

  closeAll(): void {
    for (const { window } of this.open.values()) if (!window.isDestroyed()) window.close();
  }

  close(windowId: string, paymentId: string): boolean {
    const shown = this.open.get(paymentId);
    if (!shown || shown.windowId !== windowId) return false;
    if (!shown.window.isDestroyed()) shown.window.close();
    return true;
  }
}
