import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const child = fileURLToPath(new URL('./escapingFaultsChild.ts', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));
const run = (mode: string) => spawnSync(tsx, [child, mode], { encoding: 'utf8', timeout: 20_000 });

describe('faults that escape in the main process', () => {
  it('an error event with no listener, a thrown callback and a lost rejection are logged and the process goes on', () => {
    const result = run('installed');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('still alive');
    const logged = result.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { message: string; error: string });
    expect(logged.map((entry) => entry.error).sort()).toEqual(['Connection terminated unexpectedly', 'a callback failed', 'a promise nobody awaited']);
    expect(logged.filter((entry) => entry.message.includes('rejected promise'))).toHaveLength(1);
  });

  it('without the handlers the same faults end the process (what the handlers are for)', () => {
    const result = run('bare');
    expect(result.status).not.toBe(0);
    expect(result.stdout).not.toContain('still alive');
  });
});
