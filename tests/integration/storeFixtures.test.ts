import { cp, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { latestSchemaVersion } from '../../electron/store/migrations/index';
import { tempDir } from './tempDir';

const fixtures = join(import.meta.dirname, '../fixtures/stores');

describe('stores written by every released format', async () => {
  const formats = (await readdir(fixtures)).sort();

  it('there is a fixture of each format', () => {
    expect(formats).toEqual(expect.arrayContaining(['format-1', 'format-2']));
  });

  it.each(formats)('%s opens, with its data, at the latest schema', async (format) => {
    const dir = await tempDir();
    try {
      await cp(join(fixtures, format), dir.path, { recursive: true });
      const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)), idleCheckpointMs: 0 });
      const line = await store.readSql(async (sql) =>
        await sql.one('SELECT l.msisdn, s.full_name, r.time_zone FROM lines l JOIN subscribers s ON s.id = l.subscriber_id JOIN regions r ON r.id = s.region_id'),
      );
      expect(line).toEqual({ msisdn: '+79130000001', full_name: 'Fixture Subscriber', time_zone: 'Asia/Novosibirsk' });
      expect(store.schemaVersion()).toBe(latestSchemaVersion);
      await store.close();
    } finally {
      await dir.remove();
    }
  });
});
