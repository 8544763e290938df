// Opening streams: the store's thread gets the image as soon as the worker has decrypted it, then the journal's
// records a batch at a time while the worker reads the rest — and a damaged record further on still fails the open.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EncryptedDatabase, sqlWasmPath } from '../../electron/store/encryptedDatabase';
import { StoreFileError } from '../../electron/store/files/storeFileError';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { StoreWorkerClient } from '../../electron/store/storeWorkerClient';
import { tempDir, testKey } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

/** A store whose journal holds `count` committed records after its snapshot (no checkpoint on close). */
async function storeWithJournal(count: number): Promise<string> {
  const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, checkpointOnClose: false, anchorFile: null });
  for (let i = 0; i < count; i += 1) {
    await store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ($id, 'р', 'r', 'Europe/Moscow')", { id: `r${i}` }));
  }
  await store.close();
  return join(dir.path, (await readdir(dir.path)).find((name) => name.endsWith('.journal'))!);
}

describe('opening a store', () => {
  it('hands the image over first, then the journal a thousand records at a time, in order', async () => {
    await storeWithJournal(2_500);
    const client = StoreWorkerClient.start(dir.path, sqlWasmPath());
    const seen: string[] = [];
    try {
      const opened = await client.open(testKey, {
        image: () => seen.push('image'),
        records: (_generation, _path, payloads, first) => seen.push(`${first}+${payloads.length}`),
      });
      expect(seen).toEqual(['image', '1+1000', '1001+1000', '2001+500']);
      expect(opened.replayed.last?.records).toBe(2_500);
    } finally {
      await client.close();
    }
    // And the store opened this way holds every record.
    const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, anchorFile: null });
    const count = await store.readSql(async (sql) => (await sql.all<{ n: number }>("SELECT count(*) AS n FROM regions WHERE id LIKE 'r%'"))[0]!.n);
    await store.close();
    expect(count).toBe(2_500);
    // 2,500 commits, each synced, then two opens: a limit for a loaded machine, not a measurement.
  }, 60_000);

  it('a record altered near the end fails the open although the batches before it were already replayed', async () => {
    const journal = await storeWithJournal(1_500);
    const bytes = await readFile(journal);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 3) ^ 0x01, bytes.length - 3); // inside the last record's tag
    await writeFile(journal, bytes);
    const client = StoreWorkerClient.start(dir.path, sqlWasmPath());
    const batches: number[] = [];
    try {
      await expect(client.open(testKey, { image: () => undefined, records: (_generation, _path, payloads) => batches.push(payloads.length) })).rejects.toBeInstanceOf(StoreFileError);
    } finally {
      await client.close();
    }
    expect(batches).toEqual([1000]);
    await expect(EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(testKey), idleCheckpointMs: 0, anchorFile: null })).rejects.toMatchObject({
      reason: 'damaged',
      message: expect.stringContaining('record 1500'),
    });
  });
});
