import { ipcMain, type WebContents } from 'electron';
import { CALL_CHANNEL, EVENT_CHANNEL } from './channels';
import { createCallGate, type CallerWindows } from './callGate';
import type { Dispatcher } from './dispatcher';

/**
 * Serves the dispatcher over Electron IPC through the call gate (electron/ipc/callGate.ts): only the main frame
 * of a window the main process registered in `windows` may call; the webContents id is the sender identity, so a
 * page cannot claim to be another.
 */
export function bindDispatcherToIpc(dispatcher: Dispatcher, device: string, windows: CallerWindows): () => void {
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

  const gate = createCallGate(dispatcher, device, windows, (event) => connect(event.sender as WebContents));
  ipcMain.handle(CALL_CHANNEL, (event, message: unknown) => gate(event, message));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}
