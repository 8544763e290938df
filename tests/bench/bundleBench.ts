// npm run bench:bundle — what the production renderer makes a window load before its first screen, and its whole size.
// Run after `npm run build`. The first screen is index.html plus every script and style it loads statically
// (its module script, modulepreloads, stylesheets, and the static imports of those, transitively); lazy routes are not.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstScreenFiles } from '../conformance/rendererBundle';

const rendererDir = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

function totalBytes(folder: string): number {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((sum, entry) => sum + statSync(join(entry.parentPath, entry.name)).size, 0);
}

const files = firstScreenFiles(rendererDir, 'index.html');
const firstScreen = files.reduce((sum, file) => sum + statSync(file).size, 0);
const total = totalBytes(rendererDir);
const handset = firstScreenFiles(rendererDir, 'handset.html').reduce((sum, file) => sum + statSync(file).size, 0);
for (const file of files.sort((a, b) => statSync(b).size - statSync(a).size)) {
  console.log(`  ${(statSync(file).size / 1024).toFixed(1).padStart(7)} KB  ${relative(rendererDir, file)}`);
}
console.log(`first screen: ${files.length} files; goal ≤ 300 KB; whole renderer goal ≤ 3 MB (${dirname(rendererDir)})`);
console.log(`first_screen_kb=${(firstScreen / 1024).toFixed(1)} handset_first_screen_kb=${(handset / 1024).toFixed(1)} renderer_total_kb=${(total / 1024).toFixed(1)} first_screen_share=${(firstScreen / total).toFixed(3)}`);
