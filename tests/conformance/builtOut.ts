import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root and its built `out/` folder, which `npm test` makes with `npm run build` before this suite. */
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const out = join(root, 'out');

/** Fails the suite with the reason when there is no build to check (run `npm run build` first). */
export function requireBuild(): void {
  for (const file of ['main/main.js', 'preload/preload.cjs', 'preload/handsetPreload.cjs', 'renderer/index.html']) {
    if (!existsSync(join(out, file))) throw new Error(`out/${file} is missing: the conformance suite checks the built app — run \`npm run build\` first`);
  }
}
