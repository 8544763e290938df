// The test harness's stand-in for the preload: builds window.cabinet from the same contract and
// carries calls and events over a WebSocket to the harness server, which hosts the real dispatcher.
import { createCabinetApi } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/errors';

type Listener = (event: string, payload: unknown) => void;

const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/harness/socket`);
const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
const pending = new Map<number, (result: Result<unknown>) => void>();
const listeners = new Set<Listener>();
let nextId = 1;

socket.addEventListener('message', (message: MessageEvent<string>) => {
  const data = JSON.parse(message.data) as { id?: number; result?: Result<unknown>; event?: string; payload?: unknown };
  if (typeof data.id === 'number') {
    pending.get(data.id)?.(data.result!);
    pending.delete(data.id);
  } else if (typeof data.event === 'string') {
    for (const listener of listeners) listener(data.event, data.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'INTERNAL', message: 'the harness connection closed' } });
  pending.clear();
});

const cabinet = createCabinetApi({
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

Object.defineProperty(window, 'cabinet', { value: cabinet, writable: false, configurable: false, enumerable: true });
