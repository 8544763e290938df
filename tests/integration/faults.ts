import { openSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';

/**
 * Makes one call (the next, or the one after `after` others) of a FileHandle method fail as the disk would (ENOSPC, EIO), for every file:
 * a real fault at the store's file layer, with no test hook in the store itself.
 */
export function injectFault(method: 'write' | 'sync' | 'datasync', code: 'ENOSPC' | 'EIO', options: { after?: number } = {}): void {
  const original = fileHandlePrototype[method];
  let calls = 0;
  vi.spyOn(fileHandlePrototype, method).mockImplementation(function (this: unknown, ...args: unknown[]) {
    calls += 1;
    if (calls === (options.after ?? 0) + 1) return Promise.reject(Object.assign(new Error(`${code}: injected fault`), { code }));
    return original.apply(this, args);
  });
}

const probe = join(tmpdir(), `cabinet-fault-probe-${process.pid}`);
closeSync(openSync(probe, 'w'));
const handle = await open(probe, 'r');
const fileHandlePrototype = Object.getPrototypeOf(handle) as Record<'write' | 'sync' | 'datasync', (...args: unknown[]) => Promise<unknown>>;
await handle.close();
