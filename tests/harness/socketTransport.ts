import type { Result } from '../../shared/contract/errors';

/**
 * A page's end of a harness WebSocket: calls are `{ id, method, input }` answered by `{ id, result }`;
 * anything else the server sends is an event. Calls wait until the socket is open.
 */
export function socketTransport<E>(path: string, eventOf: (message: Record<string, unknown>) => E | undefined) {
  const socket = new WebSocket(`ws://${location.host}${path}`);
  const opened = new Promise<void>((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<(event: E) => void>();
  let nextId = 1;

  socket.addEventListener('message', (message: MessageEvent<string>) => {
    const data = JSON.parse(message.data) as Record<string, unknown>;
    if (typeof data.id === 'number') {
      pending.get(data.id)?.(data.result as Result<unknown>);
      pending.delete(data.id);
      return;
    }
    const event = eventOf(data);
    if (event !== undefined) for (const listener of listeners) listener(event);
  });
  const closed: Result<never> = { ok: false, error: { code: 'INTERNAL', message: 'the harness connection closed' } };
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) resolve(closed);
    pending.clear();
  });

  return {
    call: async (method: string, input: unknown): Promise<Result<unknown>> => {
      // Sent at once when the socket is open, as Electron's ipcRenderer.invoke sends in the call: awaiting even a
      // settled promise would hold the message until the page's running script ends (the app asks for its first
      // answers while its modules still run, renderer/src/prefetchSignIn.ts).
      if (socket.readyState !== WebSocket.OPEN) await opened;
      // The harness may be closing (end of a test): a call then fails as a closed connection would.
      if (socket.readyState !== WebSocket.OPEN) return closed;
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    subscribe: (listener: (event: E) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
