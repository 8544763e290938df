// Module resolution hook (node:module register): `import … from 'electron'` in the built main bundle and in the ES
// modules it imports (electron-store) resolves to the recording stand-in.
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: new URL('./electron.mjs', import.meta.url).href, shortCircuit: true };
  return next(specifier, context);
}
