import { ipcMain, type WebContents } from 'electron';
import { dispatchHandsetCall, type HandsetHandlers } from '../../shared/contract/handset';
import { fail } from '../../shared/contract/errors';
import type { VirtualHandset } from '../network/virtualHandset';
import { HANDSET_CALL_CHANNEL, HANDSET_EVENT_CHANNEL } from './channels';

/** Serves the virtual handset's calls, only to the handset window's main frame, and forwards its events. */
export function bindHandsetToIpc(handlers: HandsetHandlers, handset: VirtualHandset, handsetWindow: () => WebContents | null): () => void {
  ipcMain.handle(HANDSET_CALL_CHANNEL, async (event, message: unknown) => {
    if (event.sender !== handsetWindow() || event.senderFrame !== event.sender.mainFrame) return fail('FORBIDDEN', 'only the phone window may call');
    const { method, input } = (typeof message === 'object' && message !== null ? message : {}) as { method?: unknown; input?: unknown };
    return dispatchHandsetCall(handlers, method, input);
  });
  const unsubscribe = handset.subscribe((event) => {
    const contents = handsetWindow();
    if (contents && !contents.isDestroyed()) contents.send(HANDSET_EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(HANDSET_CALL_CHANNEL);
  };
}
