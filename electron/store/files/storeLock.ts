import { randomBytes } from 'node:crypto';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';

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
      if (await createWhole(path, String(process.pid))) return new StoreLock(path);
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

/**
 * Creates `path` holding `content`, whole, unless it exists: written under a temp name, then hard-linked into place
 * (a link fails when the name exists). Another process never reads the lock half written, which it would take for a
 * stale one. Not synced: a lock matters only between running processes, which see the file before it reaches the
 * disk (a sync cost every open 15 ms); one a crash leaves behind, empty or whole, is taken over as stale.
 */
async function createWhole(path: string, content: string): Promise<boolean> {
  const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  await writeFile(temp, content, { flag: 'wx', mode: 0o600 });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
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
