import type { CabinetApi } from './index';
import type { EventName } from './events';
import type { Result } from './errors';
import { eventNameList, methodNames } from './names';

/** How a `window.cabinet` reaches the dispatcher: Electron IPC in the app, a socket in the test harness. */
export interface CabinetTransport {
  call(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (event: string, payload: unknown) => void): () => void;
}

/**
 * Builds `window.cabinet` from the contract's names (./names.ts, proven equal to the contract): one function per
 * method and a typed `on`.
 * No generic "invoke" escapes: a page can only call what the contract names.
 */
export function createCabinetApi(transport: CabinetTransport): CabinetApi {
  const api: Record<string, unknown> = {};
  for (const [area, methods] of Object.entries(methodNames)) {
    const areaApi: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
    for (const name of methods) {
      areaApi[name] = (input: unknown) => transport.call(`${area}.${name}`, input ?? {});
    }
    api[area] = Object.freeze(areaApi);
  }
  api.on = (event: EventName, listener: (payload: unknown) => void) => {
    if (!(eventNameList as readonly string[]).includes(event)) throw new TypeError(`unknown cabinet event "${String(event)}"`);
    return transport.subscribe((name, payload) => {
      if (name === event) listener(payload);
    });
  };
  return Object.freeze(api) as unknown as CabinetApi;
}
