// A checkpoint switches to a new journal without making commits wait for its syncs; what that must still guarantee.
import { open as openFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { JournalWriter, readJournal } from '../../electron/store/files/journalFile';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { injectFault } from './faults';
import { tempDir, testKey } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dir.remove();
});

/** Holds every FileHandle.sync until released: the disk is slow to flush. */
async function holdSyncs(): Promise<{ held: () => number; release: () => void }> {
  const probe = await openFile(join(dir.path, 'probe'), 'w');
  const prototype = Object.getPrototypeOf(probe) as { sync: (...args: unknown[]) => Promise<void> };
  await probe.close();
  const original = prototype.sync;
  const waiting: Array<() => void> = [];
  let released = false;
  vi.spyOn(prototype, 'sync').mockImplementation(function (this: unknown, ...args: unknown[]) {
    if (released) return original.apply(this, args);
    return new Promise<void>((resolve, reject) => waiting.push(() => void original.apply(this, args).then(resolve, reject)));
  });
  return {
    held: () => waiting.length,
    release: () => {
      released = true;
      for (const go of waiting.splice(0)) go();
    },
  };
}

describe('switching to a new journal', () => {
  it('is started before its header is synced, and no record in it is acknowledged before the header is on the disk', async () => {
    const syncs = await holdSyncs();
    const path = join(dir.path, 'cabinet.2.journal');
    // Starting does not wait for the disk (the checkpoint holds commits only this long).
    const journal = await JournalWriter.start(path, testKey, 2);
    expect(syncs.held()).toBeGreaterThan(0);
    let acknowledged = false;
    const append = journal.append(Buffer.from('a payment')).then(() => (acknowledged = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Written, and its own data synced, but the header is not yet on the disk: not acknowledged.
    expect(acknowledged).toBe(false);
    syncs.release();
    await append;
    expect(acknowledged).toBe(true);
    await journal.close();
    const contents = readJournal(await readFile(path), testKey, path);
    expect(contents.entries.map((entry) => entry.payload.toString())).toEqual(['a payment']);
  });

  it('a failed header sync is tried again by the next append; the journal is not lost to one failure', async () => {
    const path = join(dir.path, 'cabinet.2.journal');
    injectFault('sync', 'EIO');
    const journal = await JournalWriter.start(path, testKey, 2);
    await expect(journal.durable()).rejects.toMatchObject({ code: 'EIO' });
    vi.restoreAllMocks();
    await journal.append(Buffer.from('after the failure'));
    await journal.durable();
    await journal.close();
    expect(readJournal(await readFile(path), testKey, path).entries.map((entry) => entry.payload.toString())).toEqual(['after the failure']);
  });

  it('commits go on while the new journal’s header waits for the disk, and each is on the disk when acknowledged', async () => {
    const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, checkpointOnClose: false });
    const add = (id: string) => store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'r', 'Europe/Moscow')", { id }));
    await add('before');
    const syncs = await holdSyncs();
    const checkpoint = store.checkpoint();
    let committed = false;
    const during = add('during').then(() => (committed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The checkpoint has switched journals (the commit went into the new one) but waits for the header's sync.
    expect(syncs.held()).toBeGreaterThan(0);
    expect(committed).toBe(false);
    syncs.release();
    await Promise.all([checkpoint, during]);
    await store.close();
    const reopened = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0 });
    const ids = await reopened.readSql(async (sql) => (await sql.all<{ id: string }>("SELECT id FROM regions WHERE id IN ('before', 'during') ORDER BY id")).map((row) => row.id));
    await reopened.close();
    expect(ids).toEqual(['before', 'during']);
  });
});
