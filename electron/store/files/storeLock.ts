import { open, readFile, unlink } from 'node:fs/promises';

export class StoreLockedError extends Error {
  constructor(readonly ownerPid: number) {
    super(`the store is in use by another running copy of the app (process ${ownerPid})`);
    this.name = 'StoreLockedError';
  }
}

/**
 * One writer per store: a lock file holding the owner's process id. A lock left by a process
 * that no longer runs (a crash) is taken over; one held by a live process is refused.
 */
export class StoreLock {
  private constructor(private readonly path: string) {}

  static async acquire(path: string): Promise<StoreLock> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const handle = await open(path, 'wx', 0o600);
        await handle.writeFile(String(process.pid));
        await handle.sync();
        await handle.close();
        return new StoreLock(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const owner = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isRunning(owner)) throw new StoreLockedError(owner);
      if (owner === process.pid) throw new StoreLockedError(owner);
      await unlink(path).catch(() => undefined);
    }
    throw new Error('the store lock could not be taken');
  }

  async release(): Promise<void> {
    await unlink(this.path).catch(() => undefined);
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
