import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * A large file is synced every this many bytes as it is written. A commit's fdatasync queues behind whatever the disk
 * is flushing: with 8 MB between syncs a commit during a 100 MB checkpoint waited up to 20 ms, with 1 MB 11–17 ms,
 * and paired runs on a busy machine put 256 KB well under 1 MB again.
 */
const SYNC_EVERY = 256 * 1024;

/**
 * Writes a fresh temp file beside `path`: a random name opened exclusively ('wx'), so two writers
 * never share one, and synced to the disk before anyone can rename or link it into place.
 */
async function writeSyncedTemp(path: string, content: Uint8Array | Iterable<Uint8Array>): Promise<string> {
  const temp = `${path}.${randomBytes(8).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    if (content instanceof Uint8Array) {
      await handle.writeFile(content);
    } else {
      // Synced as it goes: a large file's dirty pages never pile up for another file's fsync (a commit's) to wait on.
      let unsynced = 0;
      for (const part of content) {
        await handle.writeFile(part);
        unsynced += part.length;
        if (unsynced >= SYNC_EVERY) {
          await handle.datasync();
          unsynced = 0;
        }
      }
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return temp;
}

/**
 * Writes a file so that a crash leaves either the old or the new content: temp file, fsync, rename, fsync folder.
 * The content may come in parts (an iterable), each written as it is made.
 */
export async function writeFileAtomically(path: string, content: Uint8Array | Iterable<Uint8Array>): Promise<void> {
  const temp = await writeSyncedTemp(path, content);
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(path));
}

/**
 * Creates `path` with this content only if no file of that name exists, complete or not at all:
 * the content is written and synced under a temp name first, then hard-linked into place (a link
 * fails when the name exists, across processes too). Returns false when another writer was first.
 */
export async function createFileExclusively(path: string, content: Uint8Array): Promise<boolean> {
  const temp = await writeSyncedTemp(path, content);
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  await syncFolder(dirname(path));
  return true;
}

/** Makes a rename or a new file in the folder durable. */
export async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; there NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function readIfExists(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
