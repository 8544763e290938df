import { contextBridge, ipcRenderer } from 'electron';
import { createCabinetApi } from '../shared/contract/client';
import { CALL_CHANNEL, EVENT_CHANNEL } from './ipc/channels';

type Listener = (event: string, payload: unknown) => void;
const listeners = new Set<Listener>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: { event: string; payload: unknown }) => {
  for (const listener of listeners) listener(message.event, message.payload);
});

// window.cabinet: the contract's methods and typed events, nothing else — ipcRenderer stays here.
contextBridge.exposeInMainWorld(
  'cabinet',
  createCabinetApi({
    call: (method, input) => ipcRenderer.invoke(CALL_CHANNEL, { method, input }),
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  }),
);
