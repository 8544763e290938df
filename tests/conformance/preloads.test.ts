import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createContext, Script } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { methodPaths } from '../../shared/contract/index';
import { handsetMethods } from '../../shared/contract/handset';
import { CALL_CHANNEL, EVENT_CHANNEL, HANDSET_CALL_CHANNEL, HANDSET_EVENT_CHANNEL } from '../../electron/ipc/channels';
import { preloadProblems } from '../../electron/packaging/builtFiles';
import { out, requireBuild } from './builtOut';

/**
 * Each built preload, run as Electron's sandbox runs it: a CommonJS function whose `require` yields only a
 * recording `electron` (contextBridge, ipcRenderer) and the few built-ins a sandboxed preload has (events, timers,
 * url). Whatever else it requires throws, as it would in the window — and then `window.cabinet` never exists.
 */
function runPreload(file: string) {
  const exposed = new Map<string, unknown>();
  const invoked: Array<{ channel: string; message: unknown }> = [];
  const listening: string[] = [];
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (channel: string, message: unknown) => {
        invoked.push({ channel, message });
        return { ok: true, value: { echoed: channel } };
      },
      on: (channel: string) => listening.push(channel),
      send: () => {
        throw new Error('a preload of ours never uses ipcRenderer.send');
      },
    },
  };
  const builtins: Record<string, unknown> = { electron, events: { EventEmitter: class {} }, timers: { setTimeout, clearTimeout }, url: { URL } };
  const sandboxRequire = (name: string) => {
    if (name in builtins) return builtins[name];
    throw new Error(`module not found: ${name} (a sandboxed preload can require only electron and a few built-ins)`);
  };
  const code = readFileSync(file, 'utf8');
  const module = { exports: {} };
  const context = createContext({ console, Promise, Object, Error, TypeError, Set, Map, Symbol, Array, JSON });
  const wrapper = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file }).runInContext(context) as (
    ...args: unknown[]
  ) => void;
  wrapper(module.exports, sandboxRequire, module, file, '.');
  return { exposed, invoked, listening };
}

describe('the built preloads, as a sandboxed window loads them', () => {
  beforeAll(requireBuild);

  it.each(['preload.cjs', 'handsetPreload.cjs'])('%s is one self-contained CommonJS file that requires only electron', (name) => {
    expect(preloadProblems(name, readFileSync(join(out, 'preload', name), 'utf8'))).toEqual([]);
  });

  it('preload.cjs exposes window.cabinet with exactly the contract methods, each forwarding to ipcRenderer.invoke on the call channel', async () => {
    const { exposed, invoked, listening } = runPreload(join(out, 'preload/preload.cjs'));
    expect([...exposed.keys()]).toEqual(['cabinet']);
    const api = exposed.get('cabinet') as Record<string, Record<string, (input?: unknown) => Promise<unknown>> | unknown>;
    const names = Object.entries(api).flatMap(([area, methods]) =>
      typeof methods === 'function' ? [area] : Object.keys(methods as object).map((name) => `${area}.${name}`),
    );
    expect(names.filter((name) => name !== 'on').sort()).toEqual([...methodPaths].sort());
    expect(names).toContain('on');
    for (const path of methodPaths) {
      const [area, name] = path.split('.') as [string, string];
      const method = (api[area] as Record<string, (input?: unknown) => Promise<unknown>>)[name]!;
      await expect(method({ probe: path })).resolves.toEqual({ ok: true, value: { echoed: CALL_CHANNEL } });
    }
    expect(invoked).toHaveLength(methodPaths.length);
    expect(invoked.every(({ channel }) => channel === CALL_CHANNEL)).toBe(true);
    expect(invoked.map(({ message }) => (message as { method: string }).method)).toEqual([...methodPaths]);
    expect(invoked[0]!.message).toEqual({ method: methodPaths[0], input: { probe: methodPaths[0] } });
    expect(listening).toEqual([EVENT_CHANNEL]);
    expect(() => (api.on as (event: string, listener: () => void) => void)('no.such.event', () => undefined)).toThrow(/unknown cabinet event/);
  });

  it('handsetPreload.cjs exposes window.handset with exactly the handset methods on the handset channel, nothing of the cabinet', async () => {
    const { exposed, invoked, listening } = runPreload(join(out, 'preload/handsetPreload.cjs'));
    expect([...exposed.keys()]).toEqual(['handset']);
    const api = exposed.get('handset') as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(api).filter((name) => name !== 'on').sort()).toEqual(Object.keys(handsetMethods).sort());
    for (const name of Object.keys(handsetMethods)) await api[name]!({});
    expect(invoked.map(({ channel }) => channel)).toEqual(Object.keys(handsetMethods).map(() => HANDSET_CALL_CHANNEL));
    expect(invoked.map(({ message }) => (message as { method: string }).method)).toEqual(Object.keys(handsetMethods));
    expect(listening).toEqual([HANDSET_EVENT_CHANNEL]);
  });

  it('a preload that requires a shared chunk is caught (the failure of the first wave)', () => {
    const problems = preloadProblems('preload.cjs', 'const channels = require("./chunks/channels-Ab12.cjs");\nrequire("electron");');
    expect(problems).toEqual(['preload.cjs requires "./chunks/channels-Ab12.cjs", which a sandboxed preload cannot load']);
  });
});
