// `node --import ./register.mjs …`: `electron` resolves to the recording stand-in, for ES imports (a resolve hook)
// and CommonJS requires (Module._resolveFilename) alike.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';

register('./hooks.mjs', import.meta.url);
const standIn = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'electron') return standIn;
  return resolveFilename.call(this, request, ...rest);
};
