import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import nodeLog from 'electron-log/node';
import { createFileLogger } from '../../../electron/logging/fileLogger';
import { rotateLogFiles } from '../../../electron/logging/logRotation';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'cabinet-logs-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('the log file', () => {
  it('writes what happened to <folder>/main.log with the secrets taken out', () => {
    const logger = createFileLogger(nodeLog.create({ logId: `redacted-${Date.now()}` }), { folder });
    logger.info('SMS sent to +79001234567: Ваш код 4821', { msisdn: '+7 900 123-45-67', password: 'Sever-2026' });
    logger.warn('payment declined for card 4111 1111 1111 1111, cvc 123');
    logger.error('PUK 41726305 refused', { attempts: 3 });

    expect(logger.path).toBe(join(folder, 'main.log'));
    const text = readFileSync(logger.path, 'utf8');
    expect(text).toContain('SMS sent to +7900*****67: Ваш код ****');
    expect(text).toContain('+7 900 ***-**-67');
    expect(text).toContain('card **** **** **** 1111');
    expect(text).toContain('attempts');
    for (const secret of ['9001234567', '123-45-67', '4821', 'Sever-2026', '4111 1111 1111 1111', 'cvc 123', '41726305']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toMatch(/\[warn\]/);
    expect(text).toMatch(/\[error\]/);
  });

  it('rotates a full file and keeps only the given number of old ones', () => {
    const logger = createFileLogger(nodeLog.create({ logId: `rotated-${Date.now()}` }), { folder, maxBytes: 2_000, keep: 2 });
    for (let entry = 0; entry < 200; entry += 1) logger.info(`entry number ${entry} of the rotation test, padded to be long enough`);
    const files = readdirSync(folder).sort();
    expect(files).toEqual(['main.1.log', 'main.2.log', 'main.log']);
    expect(readFileSync(join(folder, 'main.log'), 'utf8')).toContain('entry number 199');
    expect(readFileSync(join(folder, 'main.1.log'), 'utf8')).not.toContain('entry number 199');
  });
});

describe('log rotation', () => {
  it('shifts main.log → main.1.log → main.2.log and drops the oldest', () => {
    const live = join(folder, 'main.log');
    for (const [name, text] of [['main.log', 'live'], ['main.1.log', 'one'], ['main.2.log', 'two'], ['main.3.log', 'three']]) {
      writeFileSync(join(folder, name!), text!);
    }
    expect(rotateLogFiles(live, 3)).toEqual([join(folder, 'main.1.log'), join(folder, 'main.2.log'), join(folder, 'main.3.log')]);
    expect(existsSync(live)).toBe(false);
    expect(readFileSync(join(folder, 'main.1.log'), 'utf8')).toBe('live');
    expect(readFileSync(join(folder, 'main.2.log'), 'utf8')).toBe('one');
    expect(readFileSync(join(folder, 'main.3.log'), 'utf8')).toBe('two');
  });

  it('refuses a number of files to keep that is not a whole number of at least one', () => {
    expect(() => rotateLogFiles(join(folder, 'main.log'), 0)).toThrow(/keep must be/);
  });
});
