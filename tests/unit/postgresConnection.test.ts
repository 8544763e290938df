// The shared store's connection comes from explicit settings only: nothing in the URL may override TLS, the host
// or the password (node-postgres would merge a URL's query over the explicit options).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { connectionOf, parseSharedStoreSettings, sealPassword, SharedStoreSettingsError } from '../../electron/settings/sharedStoreSettings';
import { PostgresDatabase, poolConfig, type PostgresConnection } from '../../electron/store/postgres/postgresDatabase';

const refusal = (connection: PostgresConnection): string => {
  try {
    poolConfig(connection);
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
};

describe('the shared store connection settings', () => {
  it.each(['?sslmode=disable', '?sslmode=no-verify', '?password=hunter2', '?host=evil.example', '?options=-c%20search_path%3Devil'])(
    'a URL with %s is refused, naming the setting and what is expected',
    (query) => {
      const message = refusal({ url: `postgres://kiosk@db.chain.example:5432/cabinet${query}`, tls: { mode: 'verify-full' } });
      expect(message).toMatch(/^sharedStore\.url: no query parameters/);
      expect(message).not.toContain('hunter2');
    },
  );

  it('settings.json with a query in the URL is refused at start, naming sharedStore.url', () => {
    const attempt = () => parseSharedStoreSettings({ url: 'postgres://kiosk@db:5432/cabinet?sslmode=disable', tls: { mode: 'verify-full' }, secretKeyFile: '/k' });
    expect(attempt).toThrow(SharedStoreSettingsError);
    expect(attempt).toThrow(/sharedStore\.url: no query parameters/);
  });

  it('a host off this machine gets TLS with full verification when nothing is said', () => {
    const config = poolConfig({ url: 'postgres://kiosk@db.chain.example:6432/cabinet' });
    expect(config).toMatchObject({ host: 'db.chain.example', port: 6432, user: 'kiosk', database: 'cabinet', ssl: { rejectUnauthorized: true } });
    expect(config).not.toHaveProperty('connectionString');
  });

  it.each(['disable', 'require'] as const)('TLS mode %s is refused for a host off this machine', (mode) => {
    expect(refusal({ url: 'postgres://kiosk@10.0.0.5/cabinet', tls: { mode } })).toMatch(/^sharedStore\.tls\.mode: "verify-full" for the database host 10\.0\.0\.5/);
  });

  it('a server on this machine may go without TLS', () => {
    expect(poolConfig({ url: 'postgres://kiosk@127.0.0.1:5432/cabinet' }).ssl).toBe(false);
    expect(poolConfig({ url: 'postgres://kiosk@localhost/cabinet', tls: { mode: 'disable' } }).ssl).toBe(false);
  });

  it('verify-full checks against the CA file of the setting', () => {
    const folder = mkdtempSync(join(tmpdir(), 'cabinet-ca-'));
    try {
      writeFileSync(join(folder, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nchain CA\n-----END CERTIFICATE-----\n');
      expect(poolConfig({ url: 'postgres://kiosk@db.chain.example/cabinet', tls: { mode: 'verify-full', caFile: join(folder, 'ca.pem') } }).ssl).toMatchObject({
        rejectUnauthorized: true,
        ca: expect.stringContaining('chain CA'),
      });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('the password comes from the sealed setting, is handed to the driver, and a hand-written one is sealed out of the file', () => {
    const seal = (text: string) => Buffer.from(`sealed:${text}`).toString('base64');
    const unseal = (sealed: string) => Buffer.from(sealed, 'base64').toString().replace(/^sealed:/, '');
    const written = { url: 'postgres://kiosk@127.0.0.1/cabinet', password: 'hunter2', secretKeyFile: '/k' };
    const sealed = sealPassword(written, seal)!;
    expect(sealed).not.toHaveProperty('password');
    expect(JSON.stringify(sealed)).not.toContain('hunter2');
    const settings = parseSharedStoreSettings(sealed, unseal)!;
    expect(poolConfig(connectionOf(settings)).password).toBe('hunter2');
    // Sealed elsewhere: refused with a clear error that does not carry the password.
    expect(() => parseSharedStoreSettings(sealed, () => {
      throw new Error('cannot decrypt');
    })).toThrow(/sharedStore\.sealedPassword: it was sealed by another user or computer/);
  });

  it('the password is never in an error or a log line when the server cannot be reached', async () => {
    const lines: string[] = [];
    const logger = { info: (m: string, f?: object) => lines.push(m + JSON.stringify(f ?? {})), warn: (m: string, f?: object) => lines.push(m + JSON.stringify(f ?? {})), error: (m: string, f?: object) => lines.push(m + JSON.stringify(f ?? {})) };
    const failure = await PostgresDatabase.open({ url: 'postgres://kiosk@127.0.0.1:1/cabinet', password: 'hunter2-secret', poolSize: 1, logger }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(`${String(failure)} ${JSON.stringify(failure)} ${lines.join('\n')}`).not.toContain('hunter2');
  });
});

describe('a connection setting refused at start', () => {
  it('is shown as a wrong sharedStore entry naming the setting, with no backup offered', async () => {
    const { describeStartupProblem } = await import('../../electron/startupProblems');
    let refused: unknown;
    try {
      poolConfig({ url: 'postgres://kiosk@db.chain.example/cabinet', tls: { mode: 'require' } });
    } catch (error) {
      refused = error;
    }
    expect(describeStartupProblem(refused, 'en')).toMatchObject({ title: 'The shared database settings are wrong', detail: expect.stringContaining('sharedStore.tls.mode'), offerBackup: false });
  });
});
