import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSharedStoreSettings, SharedStoreSettingsError } from '../../electron/settings/sharedStoreSettings';
import { FileKeyProvider } from '../../electron/store/fileKeyProvider';

const fieldsOf = (raw: unknown): string[] => {
  try {
    parseSharedStoreSettings(raw);
  } catch (error) {
    if (error instanceof SharedStoreSettingsError) return error.fields;
    throw error;
  }
  return [];
};

describe('the store chain settings in settings.json', () => {
  it('no sharedStore entry means the embedded store', () => {
    expect(parseSharedStoreSettings(undefined)).toBeNull();
  });

  it('a full entry is read with a pool of 10 by default', () => {
    expect(parseSharedStoreSettings({ url: 'postgres://kiosk@db.chain.local:5432/cabinet', tls: { mode: 'verify-full', caFile: '/etc/cabinet/ca.pem' }, secretKeyFile: '/etc/cabinet/chain.key' })).toEqual({
      url: 'postgres://kiosk@db.chain.local:5432/cabinet',
      tls: { mode: 'verify-full', caFile: '/etc/cabinet/ca.pem' },
      poolSize: 10,
      secretKeyFile: '/etc/cabinet/chain.key',
    });
  });

  it('a password in the URL is refused, naming the field', () => {
    expect(fieldsOf({ url: 'postgres://kiosk:secret@db:5432/cabinet', secretKeyFile: '/k' })).toEqual(['sharedStore.url']);
  });

  it('each bad field is named: a pool of 0, an unknown TLS mode, a missing key file, a stray key', () => {
    expect(fieldsOf({ url: 'postgres://kiosk@db/cabinet', poolSize: 0, tls: { mode: 'maybe' }, extra: 1 }).sort()).toEqual([
      'sharedStore.extra',
      'sharedStore.poolSize',
      'sharedStore.secretKeyFile',
      'sharedStore.tls.mode',
    ]);
  });
});

describe("the chain's secret key file", () => {
  it('is read raw or as base64, and refused when others may read it or it is not 32 bytes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cabinet-key-'));
    try {
      const key = Buffer.alloc(32, 9);
      await writeFile(join(folder, 'raw'), key, { mode: 0o600 });
      await writeFile(join(folder, 'b64'), `${key.toString('base64')}\n`, { mode: 0o600 });
      await writeFile(join(folder, 'short'), 'abc', { mode: 0o600 });
      await writeFile(join(folder, 'open'), key);
      await chmod(join(folder, 'open'), 0o644);
      expect(await new FileKeyProvider(join(folder, 'raw')).dataKey()).toEqual(key);
      expect(await new FileKeyProvider(join(folder, 'b64')).dataKey()).toEqual(key);
      await expect(new FileKeyProvider(join(folder, 'short')).dataKey()).rejects.toThrow(/32 bytes/);
      await expect(new FileKeyProvider(join(folder, 'open')).dataKey()).rejects.toThrow(/readable by others/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
