import { contextBridge, ipcRenderer } from 'electron';
import { createHandsetApi, type HandsetEvent } from '../shared/contract/handset';
import { HANDSET_CALL_CHANNEL, HANDSET_EVENT_CHANNEL } from './ipc/channels';

const listeners = new Set<(event: HandsetEvent) => void>();
ipcRenderer.on(HANDSET_EVENT_CHANNEL, (_event, message: HandsetEvent) => {
  for (const listener of listeners) listener(message);
});

// window.handset: the virtual phone's few methods, nothing of the cabinet's.
contextBridge.exposeInMainWorld(
  'handset',
  createHandsetApi({
    call: (method, input) => ipcRenderer.invoke(HANDSET_CALL_CHANNEL, { method, input }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }),
);
