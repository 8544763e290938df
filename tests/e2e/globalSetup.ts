import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildBridge } from '../harness/buildBridge';

/** The e2e suite drives the built renderer: `npm test` builds it first; the harness bridge is built here. */
export default async function globalSetup(): Promise<void> {
  if (!existsSync(fileURLToPath(new URL('../../out/renderer/index.html', import.meta.url)))) {
    throw new Error('out/renderer is missing: run `npm run build` first (npm test does it)');
  }
  await buildBridge();
}
