import { cp, readdir, readFile, rm, stat, truncate, unlink, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeStartupProblem } from '../../electron/startupProblems';
import { restoreNewestGoodBackup } from '../../electron/store/backupRestore';
import { FileKeyProvider } from '../../electron/store/fileKeyProvider';
import { EncryptedDatabase, type OpenOptions } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { tempDir, testKey } from './support';

// Finding 3 of issue 18: each way of putting the store back to an earlier state is told, not opened silently.
let dir: Awaited<ReturnType<typeof tempDir>>;
let folder: string;
const open: EncryptedDatabase[] = [];
beforeEach(async () => {
  dir = await tempDir();
  // The store folder inside the test folder, so its anchor (kept beside the store folder) is removed with it.
  folder = join(dir.path, 'store');
});
afterEach(async () => {
  for (const store of open.splice(0)) await store.close().catch(() => undefined);
  await dir.remove();
});

async function openStore(options: Partial<OpenOptions> = {}): Promise<EncryptedDatabase> {
  const store = await EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, ...options });
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
const journals = async () => (await readdir(folder)).filter((name) => name.endsWith('.journal')).map((name) => join(folder, name));
const rolledBack = { reason: 'rolled-back', message: expect.stringMatching(/backup/) };

/** Commits a, b, c without a checkpoint; returns the journal and its size after each commit. */
async function threeCommits(): Promise<{ journal: string; sizes: number[] }> {
  const store = await openStore({ checkpointOnClose: false });
  const [journal] = await journals();
  const sizes = [(await stat(journal!)).size];
  for (const id of ['a', 'b', 'c']) {
    await addRegion(store, id);
    sizes.push((await stat(journal!)).size);
  }
  await closeStore(store);
  return { journal: journal!, sizes };
}

describe('rollback and truncation of the embedded store are detected', () => {
  it('the journal cut at a record boundary', async () => {
    const { journal, sizes } = await threeCommits();
    await truncate(journal, sizes[2]!);
    await expect(openStore()).rejects.toMatchObject({ ...rolledBack, message: expect.stringContaining('journal') });
    // Nothing was cut further or rewritten: the evidence stays.
    expect((await stat(journal)).size).toBe(sizes[2]);
  });

  it('the journal deleted', async () => {
    const { journal } = await threeCommits();
    await unlink(journal);
    await expect(openStore()).rejects.toMatchObject(rolledBack);
  });

  it('an older backup put back with the later journals removed', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await store.checkpoint();
    await addRegion(store, 'b');
    await store.checkpoint();
    await addRegion(store, 'c');
    await closeStore(store);
    const backups = (await readdir(join(folder, 'backups'))).sort();
    await copyFile(join(folder, 'backups', backups[0]!), join(folder, 'cabinet.store'));
    for (const journal of await journals()) await unlink(journal);
    // What was found, and the backup to go back to, by name.
    await expect(openStore()).rejects.toMatchObject({ reason: 'rolled-back', message: expect.stringMatching(/older than generation \d+.*backups[\\/]cabinet\.\d+\.store/s) });
  });

  it('an older backup put back beside the newer journals', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await store.checkpoint();
    await addRegion(store, 'b');
    await store.checkpoint();
    await addRegion(store, 'c');
    await closeStore(store);
    const backups = (await readdir(join(folder, 'backups'))).sort();
    await copyFile(join(folder, 'backups', backups[0]!), join(folder, 'cabinet.store'));
    await expect(openStore()).rejects.toMatchObject(rolledBack);
  });

  it('an older copy of the whole data folder put back', async () => {
    const first = await openStore();
    await addRegion(first, 'a');
    await closeStore(first);
    const saved = join(dir.path, 'saved copy');
    await cp(folder, saved, { recursive: true });

    const second = await openStore();
    await addRegion(second, 'b'); // a payment, a password change…
    await closeStore(second);
    await rm(folder, { recursive: true });
    await cp(saved, folder, { recursive: true });
    await expect(openStore()).rejects.toMatchObject(rolledBack);
  });

  it('an older copy of the folder taken while the store was running (journal not yet folded)', async () => {
    const store = await openStore({ checkpointOnClose: false });
    await addRegion(store, 'a');
    const saved = join(dir.path, 'saved copy');
    await cp(folder, saved, { recursive: true, filter: (path) => !path.endsWith('.lock') });
    await addRegion(store, 'b');
    await closeStore(store);
    await rm(folder, { recursive: true });
    await cp(saved, folder, { recursive: true });
    await expect(openStore()).rejects.toMatchObject(rolledBack);
  });

  it.each([
    ['the middle record', 1],
    ['the last record', 2],
  ])("one flipped bit in %s's length field is damage, not a torn tail, and the journal is kept as it is", async (_which, index) => {
    const { journal, sizes } = await threeCommits();
    const bytes = await readFile(journal);
    const at = sizes[index]! + 1; // the length's second byte: +64 KiB, more than the file holds, yet a possible length
    bytes[at] = bytes[at]! ^ 0x01;
    await writeFile(journal, bytes);
    await expect(openStore()).rejects.toMatchObject({ reason: 'damaged' });
    expect((await readFile(journal)).equals(bytes)).toBe(true);
  });

  it('the person is told what was found and offered the backup; going back to it is their choice and then opens', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await store.checkpoint();
    await addRegion(store, 'b');
    await closeStore(store);
    const saved = join(dir.path, 'saved copy');
    await cp(folder, saved, { recursive: true });
    const again = await openStore();
    await addRegion(again, 'c');
    await closeStore(again);
    await rm(folder, { recursive: true });
    await cp(saved, folder, { recursive: true });

    const error = await openStore().catch((caught: unknown) => caught);
    expect(error).toMatchObject(rolledBack);
    const words = describeStartupProblem(error, 'en');
    expect(words.offerBackup).toBe(true);
    expect(words.title).toMatch(/older/i);
    expect(describeStartupProblem(error, 'ru').title).toMatch(/старше|старая|более ранн/i);

    expect(await restoreNewestGoodBackup(folder, new StaticKeyProvider(testKey), new Date('2026-11-24T10:00:00Z'))).not.toBeNull();
    expect(await regionIds(await openStore())).toEqual(['a']);
  });

  it('a store of the app before anchors opens, and is anchored from then on', async () => {
    const fixture = join(import.meta.dirname, '../fixtures/stores/format-2');
    await cp(fixture, folder, { recursive: true });
    const store = await openStore();
    await addRegion(store, 'x');
    await closeStore(store);
    const saved = join(dir.path, 'saved copy');
    await cp(folder, saved, { recursive: true });
    const again = await openStore();
    await addRegion(again, 'y');
    await closeStore(again);
    await rm(folder, { recursive: true });
    await cp(saved, folder, { recursive: true });
    await expect(openStore()).rejects.toMatchObject(rolledBack);
  });

  it('a store folder removed as a whole (a reset) starts a new store instead of refusing forever', async () => {
    const store = await openStore();
    await addRegion(store, 'a');
    await closeStore(store);
    await rm(folder, { recursive: true });
    const fresh = await openStore();
    expect(await regionIds(fresh)).toEqual([]);
    await addRegion(fresh, 'b');
    await closeStore(fresh);
    expect(await regionIds(await openStore())).toEqual(['b']);
  });

  it('with the file key provider (the seam the OS keychain fills in the app), the anchor is sealed by its key too', async () => {
    const keyFile = join(dir.path, 'chain.key');
    await writeFile(keyFile, Buffer.alloc(32, 4), { mode: 0o600 });
    const keyProvider = new FileKeyProvider(keyFile);
    const first = await openStore({ keyProvider });
    await addRegion(first, 'a');
    await closeStore(first);
    const saved = join(dir.path, 'saved copy');
    await cp(folder, saved, { recursive: true });
    const second = await openStore({ keyProvider });
    await addRegion(second, 'b');
    await closeStore(second);
    const anchor = await readFile(`${folder}.anchor`);
    // Sealed: neither the key nor the chain head in the clear.
    expect(anchor.includes(Buffer.alloc(32, 4))).toBe(false);
    await rm(folder, { recursive: true });
    await cp(saved, folder, { recursive: true });
    await expect(openStore({ keyProvider })).rejects.toMatchObject(rolledBack);
  });
});
