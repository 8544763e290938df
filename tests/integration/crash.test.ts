import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { EncryptedDatabase } from '../../electron/store/encryptedDatabase';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { tempDir } from './tempDir';

/** How many SIGKILLs: a short run in `npm test`, `npm run test:crash` runs 120. */
const iterations = Number(process.env.CRASH_ITERATIONS ?? 12);

describe('a store killed at random moments', () => {
  it(`keeps every acknowledged transaction and nothing half there, over ${iterations} SIGKILLs`, { timeout: 30_000 + iterations * 5_000 }, async () => {
    const dir = await tempDir();
    let next = 1;
    let acknowledgedUpTo = 0;
    try {
      for (let round = 0; round < iterations; round += 1) {
        const acks = await runAndKill(dir.path, next, 30 + Math.floor(Math.random() * 250));
        if (acks.length > 0) acknowledgedUpTo = Math.max(acknowledgedUpTo, ...acks);

        const store = await EncryptedDatabase.open({ folder: dir.path, keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)), idleCheckpointMs: 0 });
        const ids = await store.readSql(async (sql) =>
          (await sql.all<{ id: string }>("SELECT id FROM regions WHERE name_en = 'crash test'")).map((row) => row.id),
        );
        await store.close();

        const present = new Map<number, Set<string>>();
        for (const id of ids) {
          const [, n, half] = /^n(\d+)-([ab])$/.exec(id)!;
          present.set(Number(n), (present.get(Number(n)) ?? new Set()).add(half!));
        }
        for (const [n, halves] of present) expect(halves.size, `transaction ${n} is half there`).toBe(2);
        for (let n = 1; n <= acknowledgedUpTo; n += 1) expect(present.has(n), `acknowledged transaction ${n} is lost`).toBe(true);
        const highest = Math.max(0, ...present.keys());
        // At most the one transaction in flight when the kill came may be there without its ack.
        expect(highest).toBeLessThanOrEqual(acknowledgedUpTo + 1);
        acknowledgedUpTo = highest;
        next = highest + 1;
      }
      expect(acknowledgedUpTo).toBeGreaterThan(iterations);
    } finally {
      await dir.remove();
    }
  });
});

function runAndKill(folder: string, start: number, killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/crashWriter.ts', folder, String(start)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: number[] = [];
    let buffered = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready') setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        const match = /^ack (\d+)$/.exec(line);
        if (match) acks.push(Number(match[1]));
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`the writer stopped by itself: ${stderr.slice(0, 2000)}`));
    });
  });
}
