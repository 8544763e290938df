// Renders the app icon from icon.svg to out/icons/icon.png (1024 × 1024); electron-builder makes the .ico,
// .icns and Linux sizes from it. `npm run dist` runs this first: no binary icon is kept in the repository.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const here = dirname(fileURLToPath(import.meta.url));

export function renderIcon(size = 1024): Buffer {
  const svg = readFileSync(join(here, 'icon.svg'), 'utf8');
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng();
}

export function writeIcon(outFile: string): void {
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, renderIcon());
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outFile = join(here, '../../out/icons/icon.png');
  writeIcon(outFile);
  console.log(`icon: ${outFile}`);
}
