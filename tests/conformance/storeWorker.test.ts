import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import initSqlJs from 'sql.js';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../../electron/packaging/builtFiles';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { unsealSnapshot } from '../../electron/store/files/snapshotFile';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { encodeStatements } from '../../electron/store/sqlExecutor';
import { startStoreWorker, StoreWorkerClient } from '../../electron/store/storeWorkerClient';
import { out, requireBuild } from './builtOut';

/**
 * The store worker as the app runs it: out/main/storeWorker.js, found the way the main bundle finds it (beside
 * main.js), with the WebAssembly the build copies there. It opens a store, applies a record and writes a snapshot.
 */
const key = Buffer.alloc(32, 9);
const built = join(out, 'main/storeWorker.js');
const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) {
    await rm(folder, { recursive: true, force: true });
    await rm(`${folder}.anchor`, { force: true });
  }
});

describe('the built store worker', () => {
  beforeAll(requireBuild);

  it('exists beside main.js and parses as Node loads it', () => {
    expect(existsSync(built)).toBe(true);
    expect(parseProblem(built)).toBeNull();
    // It imports no Electron: a worker thread has none.
    expect(readFileSync(built, 'utf8')).not.toMatch(/from ["']electron["']/);
  });

  it('opens a store, follows a commit and writes a snapshot that holds it', { timeout: 60_000 }, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cabinet-store-worker-'));
    folders.push(folder);
    const store = await EncryptedDatabase.open({ folder, keyProvider: new StaticKeyProvider(key), idleCheckpointMs: 0 });
    await store.writeSql(async (sql) => sql.run("INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ('a', 'р', 'r', 'Europe/Moscow')"));
    await store.close();

    const worker = startStoreWorker({ wasmPath: join(out, 'main/sql-wasm.wasm') }, pathToFileURL(join(out, 'main/main.js')).href);
    const client = new StoreWorkerClient(worker, folder);
    try {
      let image: Uint8Array | null = null;
      const records: number[] = [];
      const opened = await client.open(key, { image: (bytes) => (image = bytes), records: (_generation, _path, payloads) => records.push(payloads.length) });
      expect((image as Uint8Array | null)?.length).toBeGreaterThan(0);
      // The commit made before the close was folded into the snapshot at close: nothing to replay.
      expect(records).toEqual([]);
      client.apply(encodeStatements([{ sql: "INSERT INTO regions (id, name_ru, name_en, time_zone) VALUES ('b', 'р', 'r', 'Europe/Moscow')", params: {} }]));
      const generation = opened.snapshot.generation + 1;
      await client.checkpoint(generation, { records: 0, tag: opened.replayed.head }, 1);
      expect(client.failure).toBeNull();
    } finally {
      await client.close();
    }

    const snapshot = unsealSnapshot(await readFile(join(folder, 'cabinet.store')), key);
    const sql = await initSqlJs({ locateFile: () => join(out, 'main/sql-wasm.wasm') });
    const db = new sql.Database(snapshot.image);
    expect(db.exec('SELECT id FROM regions ORDER BY id')[0]?.values.flat()).toEqual(['a', 'b']);
    db.close();
  });
});
