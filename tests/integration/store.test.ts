import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STORE_FILE_NAME } from '../../electron/cabinet';
import { EncryptedDatabase, NewerStoreVersionError } from '../../electron/store/encryptedDatabase';
import { StoreFileError } from '../../electron/store/encryptedFile';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { migrations } from '../../electron/store/migrations/index';
import { demo, openTestCabinet, operatorData, tempDir, testKey } from './support';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir();
});
afterEach(async () => {
  await dir.remove();
});

const storePath = () => join(dir.path, STORE_FILE_NAME);

describe('the store on disk', () => {
  it('is ciphertext: no SQLite header and no subscriber name, number or password in it', async () => {
    const cabinet = await openTestCabinet(dir.path);
    await cabinet.close();
    const bytes = await readFile(storePath());
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    for (const subscriber of operatorData.demoSubscribers) {
      expect(bytes.includes(Buffer.from(subscriber.name, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(subscriber.name.split(' ')[0]!, 'utf8'))).toBe(false);
      expect(bytes.includes(Buffer.from(subscriber.password, 'utf8'))).toBe(false);
      for (const line of subscriber.lines) expect(bytes.includes(Buffer.from(line.msisdn))).toBe(false);
    }
  });

  it('is readable only by its owner', async () => {
    const cabinet = await openTestCabinet(dir.path);
    await cabinet.close();
    if (process.platform !== 'win32') expect((await stat(storePath())).mode & 0o077).toBe(0);
  });

  it('keeps what was committed across a reopen, and is seeded only once', async () => {
    const first = await openTestCabinet(dir.path);
    const before = await first.database.readSql(async (sql) => sql.all('SELECT id FROM subscribers ORDER BY id'));
    await first.close();
    const second = await openTestCabinet(dir.path);
    const after = await second.database.readSql(async (sql) => sql.all('SELECT id FROM subscribers ORDER BY id'));
    await second.close();
    expect(after).toEqual(before);
    expect(after).toHaveLength(operatorData.demoSubscribers.length);
  });

  it('with another key, says so and does not touch the file', async () => {
    const cabinet = await openTestCabinet(dir.path);
    await cabinet.close();
    const original = await readFile(storePath());
    await expect(
      EncryptedDatabase.open({ path: storePath(), keyProvider: new StaticKeyProvider(Buffer.alloc(32, 9)) }),
    ).rejects.toMatchObject({ reason: 'wrong-key' });
    expect((await readFile(storePath())).equals(original)).toBe(true);
  });

  it('an altered byte is detected, never silently read', async () => {
    const cabinet = await openTestCabinet(dir.path);
    await cabinet.close();
    const bytes = await readFile(storePath());
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0x01;
    await writeFile(storePath(), bytes);
    const opening = EncryptedDatabase.open({ path: storePath(), keyProvider: new StaticKeyProvider(testKey) });
    await expect(opening).rejects.toBeInstanceOf(StoreFileError);
    await expect(opening).rejects.toMatchObject({ reason: 'damaged' });
  });

  it('a file that is not a store is refused', async () => {
    await writeFile(storePath(), 'SQLite format 3\0 this is not ours');
    await expect(EncryptedDatabase.open({ path: storePath(), keyProvider: new StaticKeyProvider(testKey) })).rejects.toMatchObject({
      reason: 'not-a-store',
    });
  });

  it('a store made by a newer version opens with a clear error and is left untouched', async () => {
    const newer = [...migrations, { version: migrations.length + 1, name: 'from the future', statements: ['CREATE TABLE future (id TEXT)'] }];
    const database = await EncryptedDatabase.open({ path: storePath(), keyProvider: new StaticKeyProvider(testKey), migrations: newer });
    await database.close();
    const original = await readFile(storePath());
    await expect(EncryptedDatabase.open({ path: storePath(), keyProvider: new StaticKeyProvider(testKey) })).rejects.toBeInstanceOf(
      NewerStoreVersionError,
    );
    expect((await readFile(storePath())).equals(original)).toBe(true);
  });

  it('a write that cannot reach the disk is rolled back in memory too', async () => {
    const cabinet = await openTestCabinet(dir.path);
    const count = () => cabinet.database.readSql(async (sql) => sql.one<{ n: number }>('SELECT COUNT(*) AS n FROM sign_ins'));
    // The atomic save writes a temp file next to the store; a folder in its place makes the write fail.
    await mkdir(`${storePath()}.${process.pid}.tmp`);
    const failed = cabinet.database.write((repos) =>
      repos.signIns.record({ id: 'x', subscriberId: demo.id, lineId: 'line_1', way: 'password', at: '2026-11-24T09:00:00.000Z', device: 'test' }),
    );
    await expect(failed).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect((await count())?.n).toBe(0);
    await cabinet.close();
  });

  it('units of work never interleave', async () => {
    const cabinet = await openTestCabinet(dir.path);
    const order: string[] = [];
    await Promise.all([
      cabinet.database.write(async () => {
        order.push('a:start');
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push('a:end');
      }),
      cabinet.database.read(async () => {
        order.push('b');
      }),
    ]);
    await cabinet.close();
    expect(order).toEqual(['a:start', 'a:end', 'b']);
  });
});
