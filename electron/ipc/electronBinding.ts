import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { fail } from '../../shared/contract/errors';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import type { Dispatcher } from './dispatcher';

/**
 * Serves the dispatcher over Electron IPC. Only a window's main frame may call (no iframes);
 * the window's webContents id is the sender identity, so a page cannot claim to be another.
 */
export function bindDispatcherToIpc(dispatcher: Dispatcher, device: string, isCabinetWindow: (contents: WebContents) => boolean): () => void {
  const connected = new Set<number>();

  const connect = (contents: WebContents): void => {
    if (connected.has(contents.id)) return;
    connected.add(contents.id);
    const senderId = String(contents.id);
    dispatcher.connect(senderId, (event, payload) => {
      if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, { event, payload });
    });
    // A page loaded anew in the same window (a kiosk's reload after each subscriber) is told the retained states again.
    const reloaded = () => dispatcher.replayRetained(senderId);
    contents.on('did-finish-load', reloaded);
    contents.once('destroyed', () => {
      connected.delete(contents.id);
      dispatcher.disconnect(senderId);
    });
  };

  ipcMain.handle(CALL_CHANNEL, async (event: IpcMainInvokeEvent, message: unknown) => {
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isCabinetWindow(event.sender)) {
      return fail('FORBIDDEN', 'calls are accepted only from the main frame of a cabinet window');
    }
    connect(event.sender);
    const { method, input } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; input?: unknown };
    return dispatcher.dispatch({ senderId: String(event.sender.id), origin: originOf(frame.url), device }, method, input);
  });

  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'invalid';
  }
}
