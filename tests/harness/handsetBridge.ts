// The harness's stand-in for the handset window's preload: window.handset over its own WebSocket.
import { createHandsetApi, type HandsetEvent } from '../../shared/contract/handset';
import type { Result } from '../../shared/contract/errors';

const socket = new WebSocket(`ws://${location.host}/harness/handset-socket`);
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
const pending = new Map<number, (result: Result<unknown>) => void>();
const listeners = new Set<(event: HandsetEvent) => void>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as { id?: number; result?: Result<unknown>; event?: HandsetEvent };
  if (typeof data.id === 'number') {
    pending.get(data.id)?.(data.result!);
    pending.delete(data.id);
  } else if (data.event) {
    for (const listener of listeners) listener(data.event);
  }
});

const handset = createHandsetApi({
  call: async (method, input) => {
    await opened;
    const id = nextId++;
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, method, input }));
    });
  },
  subscribe: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
});

Object.defineProperty(window, 'handset', { value: handset, writable: false, configurable: false, enumerable: true });
