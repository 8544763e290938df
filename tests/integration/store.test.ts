import { appendFile, cp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EncryptedDatabase, NewerStoreVersionError, type OpenOptions } from '../../electron/store/encryptedDatabase';
import { anchorPathFor } from '../../electron/store/files/anchorFile';
import { StoreFileError } from '../../electron/store/files/storeFileError';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { migrations } from '../../electron/store/migrations/index';
import { injectFault } from './faults';
import { openTestCabinet, operatorData, tempDir, testKey } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
const open: EncryptedDatabase[] = [];
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  vi.restoreAllMocks();
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await dir.remove();
});

async function openStore(options: Partial<OpenOptions> = {}): Promise<EncryptedDatabase> {
  const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, ...options });
  open.push(store);
  return store;
}
async function closeStore(store: EncryptedDatabase): Promise<void> {
  open.splice(open.indexOf(store), 1);
  await store.close();
}
const addRegion = (store: EncryptedDatabase, id: string) =>
  store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'r', 'Europe/Moscow')", { id }));
const regionIds = (store: EncryptedDatabase) =>
  store.readSql(async (sql) => (await sql.all<{ id: string }>('SELECT id FROM regions ORDER BY id')).map((row) => row.id));
const snapshotPath = () => join(dir.path, 'cabinet.store');
const journalPaths = async () => (await readdir(dir.path)).filter((name) => name.endsWith('.journal')).map((name) => join(dir.path, name));

describe('the store on disk', () => {
  it('is ciphertext: no SQLite header and no subscriber name, number or password in any file', async () => {
    const cabinet = await openTestCabinet(dir.path);
    const journalBytes = await Promise.all((await journalPaths()).map((path) => readFile(path)));
    await cabinet.close();
    for (const bytes of [await readFile(snapshotPath()), ...journalBytes]) {
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
      for (const subscriber of operatorData.demoSubscribers) {
        expect(bytes.includes(Buffer.from(subscriber.name, 'utf8'))).toBe(false);
        expect(bytes.includes(Buffer.from(subscriber.name.split(' ')[0]!, 'utf8'))).toBe(false);
        if (subscriber.password) expect(bytes.includes(Buffer.from(subscriber.password, 'utf8'))).toBe(false);
        for (const line of subscriber.lines) {
          expect(bytes.includes(Buffer.from(line.msisdn))).toBe(false);
          expect(bytes.includes(Buffer.from(line.puk))).toBe(false);
        }
      }
    }
  });

  it('is readable only by its owner', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    if (process.platform !== 'win32') {
      for (const path of [snapshotPath(), ...(await journalPaths())]) expect((await stat(path)).mode & 0o077).toBe(0);
    }
  });

  it('keeps every acknowledged commit across a reopen, from the journal alone', async () => {
    const store = await openStore();
    for (const id of ['a', 'b', 'c']) await addRegion(store, id);
    expect(store.journalRecords()).toBe(3);
    // No checkpoint: simulate a crash by reading the files as they are, with the writer still open.
    const copy = await tempDir();
    for (const name of await readdir(dir.path)) {
      if (name.endsWith('.lock')) continue;
      await writeFile(join(copy.path, name), await readFile(join(dir.path, name)));
    }
    const reopened = await EncryptedDatabase.open({ folder: copy.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0 });
    expect(await regionIds(reopened)).toEqual(['a', 'b', 'c']);
    await reopened.close();
    await copy.remove();
  });

  it('a checkpoint folds the journal into a new snapshot and keeps the old one as a backup', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await store.checkpoint();
    expect(store.journalRecords()).toBe(0);
    await addRegion(store, 'b');
    await store.checkpoint();
    await closeStore(store);
    expect(await readdir(join(dir.path, 'backups'))).not.toHaveLength(0);
    const reopened = await openStore();
    expect(await regionIds(reopened)).toEqual(['a', 'b']);
  });

  it('with another key, says so and does not touch the files', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await closeStore(store);
    const original = await readFile(snapshotPath());
    await expect(openStore({ keyProvider: new StaticKeyProvider(Buffer.alloc(32, 9)) })).rejects.toMatchObject({ reason: 'wrong-key' });
    expect((await readFile(snapshotPath())).equals(original)).toBe(true);
  });

  it('a tampered snapshot is detected and never overwritten', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await closeStore(store);
    const bytes = await readFile(snapshotPath());
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x01;
    await writeFile(snapshotPath(), bytes);
    await expect(openStore()).rejects.toMatchObject({ reason: 'damaged' });
    expect((await readFile(snapshotPath())).equals(bytes)).toBe(true);
  });

  it('a tampered journal record is an error, not skipped', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    await addRegion(store, 'b');
    const [journal] = await journalPaths();
    await closeStore(store);
    const bytes = await readFile(journal!);
    bytes[bytes.length - 40] = bytes[bytes.length - 40]! ^ 0x80;
    await writeFile(journal!, bytes);
    const opening = openStore();
    await expect(opening).rejects.toBeInstanceOf(StoreFileError);
    await expect(opening).rejects.toMatchObject({ reason: 'damaged', message: expect.stringContaining('record 2') });
    expect((await readFile(journal!)).equals(bytes)).toBe(true);
  });

  it('a torn journal tail (a crash mid-append) is dropped: it was never acknowledged', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    const [journal] = await journalPaths();
    await closeStore(store);
    // The record a crash interrupted: what the next append would have written, cut short.
    const before = await readFile(journal!);
    const copy = await tempDir();
    await cp(dir.path, copy.path, { recursive: true });
    await cp(anchorPathFor(dir.path), anchorPathFor(copy.path));
    const other = await EncryptedDatabase.open({ folder: copy.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, checkpointOnClose: false });
    await addRegion(other, 'b');
    await other.close();
    const next = (await readFile(join(copy.path, basename(journal!)))).subarray(before.length);
    await copy.remove();
    await appendFile(journal!, next.subarray(0, next.length - 10));

    const reopened = await openStore();
    expect(await regionIds(reopened)).toEqual(['a']);
    await addRegion(reopened, 'c');
    await closeStore(reopened);
    expect(await regionIds(await openStore())).toEqual(['a', 'c']);
  });

  it('an acknowledged record cut from the journal is not taken for a torn tail', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    await addRegion(store, 'b');
    const [journal] = await journalPaths();
    await closeStore(store);
    const size = (await stat(journal!)).size;
    await truncate(journal!, size - 10);
    await expect(openStore()).rejects.toMatchObject({ reason: 'rolled-back', message: expect.stringContaining('journal 1 ends at record 1') });
    expect((await stat(journal!)).size).toBe(size - 10);
  });

  it('zeros after the last record are a torn tail too', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    const [journal] = await journalPaths();
    await closeStore(store);
    await appendFile(journal!, Buffer.alloc(37));
    expect(await regionIds(await openStore())).toEqual(['a']);
  });

  it('a new journal whose header never reached the disk is started afresh', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    await closeStore(store);
    const journals = await journalPaths();
    const newest = Math.max(...journals.map((path) => Number(/cabinet\.(\d+)\.journal$/.exec(path)![1])));
    // A crash right after a checkpoint created the next journal file, before its header was written.
    await writeFile(join(dir.path, `cabinet.${newest + 1}.journal`), Buffer.alloc(0));
    const reopened = await openStore({ checkpointOnClose: false });
    await addRegion(reopened, 'b');
    await closeStore(reopened);
    expect(await regionIds(await openStore())).toEqual(['a', 'b']);
  });

  it('a file that is not a store is refused', async () => {
    await writeFile(snapshotPath(), 'SQLite format 3\0 this is not ours');
    await expect(openStore()).rejects.toMatchObject({ reason: 'not-a-store' });
  });

  it('a store made by a newer version opens with a clear error and is left untouched', async () => {
    const newer = [...migrations, { version: migrations.at(-1)!.version + 1, name: 'from the future', statements: ['CREATE TABLE future (id TEXT)'] }];
    await closeStore(await openStore({ migrations: newer }));
    const before = await snapshotFiles();
    await expect(openStore()).rejects.toBeInstanceOf(NewerStoreVersionError);
    expect(await snapshotFiles()).toEqual(before);
  });

  it('ENOSPC during a commit: the caller gets STORE_UNAVAILABLE and memory is rolled back too', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    injectFault('datasync', 'ENOSPC');
    await expect(addRegion(store, 'b')).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringContaining('ENOSPC') });
    vi.restoreAllMocks();
    expect(await regionIds(store)).toEqual(['a']);
    await addRegion(store, 'c');
    await closeStore(store);
    expect(await regionIds(await openStore())).toEqual(['a', 'c']);
  });

  it.each([
    ['EIO', 'starting the new journal', 0],
    ['EIO', 'writing the new snapshot', 1],
    ['ENOSPC', 'writing the new snapshot', 1],
  ] as const)('%s while %s during a checkpoint loses nothing', async (code, _step, after) => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    injectFault('sync', code, { after });
    await expect(store.checkpoint()).rejects.toMatchObject({ code });
    vi.restoreAllMocks();
    await addRegion(store, 'b');
    await closeStore(store);
    const reopened = await openStore();
    expect(await regionIds(reopened)).toEqual(['a', 'b']);
    await addRegion(reopened, 'c');
    await reopened.checkpoint();
    await closeStore(reopened);
    expect(await regionIds(await openStore())).toEqual(['a', 'b', 'c']);
  });

  it('a second opener of the same store is refused while the first holds it', async () => {
    await openStore();
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'tests/integration/openStoreProcess.ts', dir.path], { encoding: 'utf8' });
    expect(child.stdout.trim()).toMatch(/^refused: the store is in use by another running copy of the app/);
  });

  it('units of work never interleave', async () => {
    const store = await openStore();
    const order: string[] = [];
    await Promise.all([
      store.writeSql(async () => {
        order.push('a:start');
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('a:end');
      }),
      store.readSql(async () => {
        order.push('b');
      }),
    ]);
    expect(order).toEqual(['a:start', 'a:end', 'b']);
  });
});

async function snapshotFiles(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir.path)).sort()) {
    if (name.endsWith('.store') || name.endsWith('.journal')) out[name] = (await readFile(join(dir.path, name))).toString('base64');
  }
  return out;
}

describe('going back to a backup', () => {
  it('a damaged store is replaced by the newest good backup; the damaged files are kept aside', async () => {
    const { restoreNewestGoodBackup } = await import('../../electron/store/backupRestore');
    const store = await openStore();
    await addRegion(store, 'a');
    await store.checkpoint();
    await addRegion(store, 'b');
    await store.checkpoint();
    await addRegion(store, 'c');
    await closeStore(store);

    const bytes = await readFile(snapshotPath());
    bytes[200] = bytes[200]! ^ 0xff;
    await writeFile(snapshotPath(), bytes);
    await expect(openStore()).rejects.toMatchObject({ reason: 'damaged' });

    const restored = await restoreNewestGoodBackup(dir.path, new StaticKeyProvider(testKey), new Date('2026-11-24T10:00:00Z'));
    expect(restored).not.toBeNull();
    expect((await readFile(join(restored!.damagedFilesFolder, 'cabinet.store'))).equals(bytes)).toBe(true);
    // The newest backup is the snapshot before the last checkpoint: 'a' and 'b'.
    expect(await regionIds(await openStore())).toEqual(['a', 'b']);
  });

  it('with no good backup, nothing is moved', async () => {
    const { restoreNewestGoodBackup } = await import('../../electron/store/backupRestore');
    await writeFile(snapshotPath(), 'damaged');
    expect(await restoreNewestGoodBackup(dir.path, new StaticKeyProvider(testKey), new Date())).toBeNull();
    expect(await readFile(snapshotPath(), 'utf8')).toBe('damaged');
  });
});
