import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    environment: 'node',
    pool: 'forks',
    // vitest's default is one file at a time on a 2-core machine (cores − 1): the second core then waits for a store
    // worker, a child process or a server in the first. One file per core keeps both busy.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 20_000,
    projects: [
      { extends: true, test: { name: 'embedded', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/attacks/**/*.test.ts', 'tests/acquirer/**/*.test.ts'] } },
      // The Electron conformance suite: the built out/ files (npm test builds first) and the real main-process functions.
      // Its main-bundle runs each start a store in a child process: a busy CI machine needs more than 20 s for some.
      { extends: true, test: { name: 'conformance', include: ['tests/conformance/**/*.test.ts'], testTimeout: 120_000 } },
      {
        // The core and repository suites again, on a throwaway PostgreSQL server (the shared store of a
        // store chain), plus what only the shared store has. Suites about the embedded store's files stay out.
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/integration/**/*.test.ts', 'tests/postgres/**/*.test.ts', 'tests/attacks/**/*.test.ts'],
          exclude: ['tests/integration/{crash,store,storeFixtures,vault,vaultRace,storeRollback,storeCheckpoint,storeOpenStream,journalSwitch,checkpointInPlace}.test.ts'],
          env: { CABINET_TEST_STORE: 'postgres' },
          globalSetup: ['tests/integration/postgresSetup.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      // SMS over SMPP through Kannel's own programs (bearerbox, opensmppbox, fakesmsc), which the suite starts itself.
      { extends: true, test: { name: 'sms', include: ['tests/sms/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
      // Letters through Debian's Postfix to a Dovecot inbox read over IMAP, servers the suite starts itself.
      { extends: true, test: { name: 'mail', include: ['tests/mail/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 } },
    ],
  },
});
