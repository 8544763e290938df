// The house's layers as lint rules, after VS Code's `code-layering` rule: each zone lists what it may import, by
// resolved path (so `../kiosk` inside electron/core is the core's kiosk, not electron/kiosk). A zone not listed as
// allowed is an error naming both zones. README's "Layers" section is drawn from LAYERS below.
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(fileURLToPath(import.meta.url));

/**
 * Zones, most specific first: `dirs` are folders or files relative to the root; `may` are the zones (and npm
 * packages, by name) a file of the zone may import. Every zone may import itself and npm packages not listed in
 * `packagesBanned`.
 */
export const LAYERS = [
  { zone: 'core', dirs: ['electron/core'], may: ['shared', 'data'], packagesBanned: ['electron', 'pg', 'sql.js', 'electron-store', 'electron-log', 'pdfkit'] },
  { zone: 'store', dirs: ['electron/store'], may: ['core', 'shared', 'data'], packagesBanned: ['electron', 'electron-store', 'electron-log'] },
  { zone: 'adapters', dirs: ['electron/network', 'electron/exports', 'electron/logging', 'electron/settings'], may: ['core', 'store', 'shared', 'data'], packagesBanned: [] },
  { zone: 'ipc', dirs: ['electron/ipc'], may: ['core', 'store', 'adapters', 'shared', 'data'], packagesBanned: [] },
  // The composition root: what wires the others together and talks to Electron.
  { zone: 'root', dirs: ['electron'], may: ['core', 'store', 'adapters', 'ipc', 'shared', 'data'], packagesBanned: [] },
  { zone: 'data', dirs: ['electron/data'], may: [], packagesBanned: [] },
  { zone: 'renderer', dirs: ['renderer'], may: ['shared'], packagesBanned: ['electron'] },
  { zone: 'shared', dirs: ['shared'], may: [], packagesBanned: ['electron'] },
];

const ordered = [...LAYERS].flatMap((layer) => layer.dirs.map((dir) => ({ dir, layer }))).sort((a, b) => b.dir.length - a.dir.length);

/** The zone a file (absolute path) lies in, or null (tests, config: unzoned). */
export function zoneOf(file) {
  const path = relative(ROOT, file).split(sep).join('/');
  const hit = ordered.find(({ dir }) => path === dir || path.startsWith(`${dir}/`));
  return hit ? hit.layer : null;
}

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function check(context, node, source) {
  if (typeof source !== 'string') return;
  const file = context.filename ?? context.getFilename();
  const from = zoneOf(file);
  if (!from) return;
  if (source.startsWith('.')) {
    const target = zoneOf(resolve(dirname(file), source));
    if (!target || target === from || from.may.includes(target.zone)) return;
    context.report({ node, messageId: 'zone', data: { from: from.zone, to: target.zone, allowed: from.may.join(', ') || 'nothing outside itself' } });
  } else if (!source.startsWith('node:') && from.packagesBanned.includes(packageName(source))) {
    context.report({ node, messageId: 'package', data: { from: from.zone, name: packageName(source) } });
  }
}

const visitors = (context, report) => ({
  ImportDeclaration: (node) => report(context, node, node.source.value),
  ExportNamedDeclaration: (node) => node.source && report(context, node, node.source.value),
  ExportAllDeclaration: (node) => report(context, node, node.source.value),
  ImportExpression: (node) => node.source.type === 'Literal' && report(context, node, node.source.value),
});

/** The core owns its model types: the wire types of shared/contract are converted at the ipc layer. */
function contractInCore(context, node, source) {
  if (typeof source !== 'string' || !source.startsWith('.')) return;
  const file = context.filename ?? context.getFilename();
  if (zoneOf(file)?.zone !== 'core') return;
  const target = relative(ROOT, resolve(dirname(file), source)).split(sep).join('/');
  if (target === 'shared/contract' || target.startsWith('shared/contract/')) context.report({ node, messageId: 'contract' });
}

export default {
  meta: { name: 'layers' },
  rules: {
    zones: {
      meta: {
        type: 'problem',
        docs: { description: 'each layer imports only the layers below it' },
        messages: {
          zone: 'the {{from}} layer may not import the {{to}} layer (it may import: {{allowed}}); reach it through a port the composition root wires',
          package: 'the {{from}} layer may not import "{{name}}": reach it through a port the composition root wires',
        },
        schema: [],
      },
      create: (context) => visitors(context, check),
    },
    'core-owns-its-types': {
      meta: {
        type: 'suggestion',
        docs: { description: 'electron/core declares its own model types instead of the wire types of shared/contract' },
        messages: { contract: 'the core imports the wire contract: declare the model type in the core and convert in electron/ipc' },
        schema: [],
      },
      create: (context) => visitors(context, contractInCore),
    },
  },
};
