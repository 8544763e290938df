import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const bridgeFile = join(root, 'out/harness/bridge.js');

/** Bundles tests/harness/bridge.ts (and the contract it uses) into one classic script for the page. */
export async function buildBridge(): Promise<string> {
  await build({
    configFile: false,
    root,
    logLevel: 'warn',
    build: {
      outDir: dirname(bridgeFile),
      emptyOutDir: true,
      minify: false,
      lib: { entry: join(root, 'tests/harness/bridge.ts'), formats: ['iife'], name: 'cabinetHarnessBridge', fileName: () => 'bridge.js' },
    },
  });
  return bridgeFile;
}

export async function bridgeIsBuilt(): Promise<boolean> {
  return stat(bridgeFile).then(
    () => true,
    () => false,
  );
}
