import { stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const bridgeFile = join(root, 'out/harness/bridge.js');
export const handsetBridgeFile = join(root, 'out/harness/handset-bridge.js');

/** Bundles the two bridges (the cabinet's and the handset's, with the contract they use) into classic scripts. */
export async function buildBridge(): Promise<void> {
  for (const [entry, file, emptyOutDir] of [
    ['tests/harness/bridge.ts', bridgeFile, true],
    ['tests/harness/handsetBridge.ts', handsetBridgeFile, false],
  ] as const) {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      build: {
        outDir: dirname(file),
        emptyOutDir,
        minify: false,
        lib: { entry: join(root, entry), formats: ['iife'], name: 'harnessBridge', fileName: () => basename(file) },
      },
    });
  }
}

export async function bridgeIsBuilt(): Promise<boolean> {
  const built = await Promise.all([bridgeFile, handsetBridgeFile].map((file) => stat(file).then(() => true, () => false)));
  return built.every(Boolean);
}
