// A checkpoint of a store opened from a snapshot is sealed from the worker's own database file, read in place (no
// third copy of the database in memory); records committed meanwhile wait in the worker and are in the next snapshot.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { tempDir, testKey } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

const open = () => EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, checkpointOnClose: false, anchorFile: null });
let next = 0;
const addRegion = (store: EncryptedDatabase) =>
  store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'r', 'Europe/Moscow')", { id: `bench-${++next}` }));
const regions = (store: EncryptedDatabase) =>
  store.readSql(async (sql) => Number((await sql.all<{ n: number }>("SELECT count(*) AS n FROM regions WHERE id LIKE 'bench-%'"))[0]!.n));

describe('a checkpoint sealed in place', () => {
  it('is used once the store was opened from a snapshot, and loses no commit made while it runs', async () => {
    // A new store's worker copy did not come from a file it can read in place: that checkpoint exports.
    let store = await open();
    for (let i = 0; i < 50; i += 1) await addRegion(store);
    await store.checkpoint();
    expect(store.lastCheckpointSealedFrom()).toBe('export');
    await store.close();

    store = await open();
    for (let i = 0; i < 50; i += 1) await addRegion(store);
    // Commits go on while the snapshot is written; the worker applies them after it.
    let done = false;
    const checkpoint = store.checkpoint().then(() => (done = true));
    let during = 0;
    while (!done) {
      await addRegion(store);
      during += 1;
    }
    await checkpoint;
    expect(store.lastCheckpointSealedFrom()).toBe('file');
    expect(during).toBeGreaterThan(0);
    // The next checkpoint holds the records that waited: still in place, and the reopened store has every row.
    for (let i = 0; i < 20; i += 1) await addRegion(store);
    await store.checkpoint();
    expect(store.lastCheckpointSealedFrom()).toBe('file');
    const total = await regions(store);
    expect(total).toBe(120 + during);
    await store.close();

    store = await open();
    expect(await regions(store)).toBe(total);
    expect(store.journalRecords()).toBe(0);
    await store.close();
  });
});
