import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function tempDir(): Promise<{ path: string; remove(): Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'cabinet-test-'));
  return {
    path,
    // A store opened on this folder keeps its anchor beside it (`<folder>.anchor`): removed with the folder.
    remove: async () => {
      await rm(path, { recursive: true, force: true });
      await rm(`${path}.anchor`, { force: true });
    },
  };
}
