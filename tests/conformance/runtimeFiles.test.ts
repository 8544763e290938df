import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseProblem } from '../../electron/packaging/builtFiles';
import { RENDERER_CSP } from '../../electron/desktop/rendererProtocol';
import { out, requireBuild, root } from './builtOut';
import { firstScreenFiles } from './rendererBundle';

/**
 * What the main process loads at run time, after `npm run build`: each file exists in out/ and is packed by
 * electron-builder (package.json build.files / asarUnpack) — else the installed app misses it.
 */
const builder = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { build: { files: string[]; asarUnpack?: string[] } }).build;

/** electron-builder's patterns as this project writes them: a folder with `/**`, or one file. */
function packed(file: string): boolean {
  return [...builder.files, ...(builder.asarUnpack ?? [])].some((pattern) => (pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern));
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('the files the app loads at run time', () => {
  beforeAll(requireBuild);

  it('electron-builder patterns are of the two forms the check below understands', () => {
    for (const pattern of [...builder.files, ...(builder.asarUnpack ?? [])]) expect(pattern).toMatch(/^(?:[\w.-]+\/)*(?:\*\*|[\w.-]+)$/);
  });

  it('exist in out/ and are packed: main, its WebAssembly, the export worker and its fonts, the store worker, both preloads, both pages and what they load, the icon', () => {
    const pages = ['renderer/index.html', 'renderer/handset.html'];
    const referenced = pages.flatMap((page) =>
      [...readFileSync(join(out, page), 'utf8').matchAll(/(?:src|href)="\.?\/?([^"]+)"/g)].map((match) => `renderer/${match[1]!}`),
    );
    const exportFiles = ['main/detailExportWorker.js', 'main/fonts/Roboto-Regular.ttf', 'main/fonts/Roboto-Medium.ttf'];
    const runtime = ['main/main.js', 'main/sql-wasm.wasm', ...exportFiles, 'main/storeWorker.js', 'preload/preload.cjs', 'preload/handsetPreload.cjs', ...pages, ...referenced, 'icons/icon.png'];
    for (const file of runtime) {
      expect(existsSync(join(out, file)), `out/${file}`).toBe(true);
      expect(packed(`out/${file}`), `out/${file} is not in package.json build.files`).toBe(true);
    }
    // The English messages load on demand: in the renderer folder, packed with it. PDFs are made on the main side:
    // no fonts in the renderer.
    const assets = filesUnder(join(out, 'renderer/assets')).map((file) => relative(root, file));
    expect(assets.filter((file) => file.endsWith('.ttf'))).toEqual([]);
    expect(assets.every(packed)).toBe(true);
  });

  it('every built JavaScript file of main parses, and the pages carry the CSP the protocol handler sends', () => {
    for (const file of filesUnder(join(out, 'main')).filter((path) => /\.(c|m)?js$/.test(path))) expect(parseProblem(file)).toBeNull();
    for (const page of ['index.html', 'handset.html']) expect(readFileSync(join(out, 'renderer', page), 'utf8')).toContain(`content="${RENDERER_CSP}"`);
  });

  it('no source maps and no Vue devtools are shipped in the renderer', () => {
    const files = filesUnder(join(out, 'renderer'));
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    for (const file of files.filter((path) => path.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      expect(code, relative(out, file)).not.toContain('__VUE_DEVTOOLS_GLOBAL_HOOK__');
      expect(code, relative(out, file)).not.toMatch(/sourceMappingURL=/);
    }
  });

  it('the first screen loads at most 300 KB (minified, before compression) and the whole renderer is at most 3 MB', () => {
    const size = (files: string[]) => files.reduce((sum, file) => sum + statSync(file).size, 0);
    const firstScreen = firstScreenFiles(join(out, 'renderer'), 'index.html');
    expect(size(firstScreen) / 1024).toBeLessThanOrEqual(300);
    expect(size(filesUnder(join(out, 'renderer'))) / 1024).toBeLessThanOrEqual(3 * 1024);
    // Lazy routes stay lazy: the PDF maker, the charts and the detail screen are not part of the first screen.
    expect(firstScreen.map((file) => relative(out, file)).filter((file) => /pdfmake|chart|DetailView/i.test(file))).toEqual([]);
  });
});
