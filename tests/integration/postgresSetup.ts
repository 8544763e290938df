// vitest globalSetup of the `postgres` project: one throwaway server for the run; each test cabinet gets its own database.
import type { TestProject } from 'vitest/node';
import { startPostgres } from '../harness/postgresServer';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The URL of the `postgres` database of the run's server (it creates the tests' databases). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url());
  return () => server.stop();
}
