// What Electron can load, checked on the built files: the build fails on a bundle that does not parse or a preload
// that a sandboxed renderer could not run. The conformance suite (tests/conformance) runs the same checks.
import { spawnSync } from 'node:child_process';
import { Script } from 'node:vm';

/** Modules a sandboxed preload may require (Electron's sandbox: `electron` and a few polyfilled built-ins). We allow only `electron`. */
export const PRELOAD_REQUIRES_ALLOWED: readonly string[] = ['electron'];

/** Every module name a CommonJS file requires; a `require` of anything but a string literal is reported as "<dynamic>". */
export function requiredModules(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/\brequire\s*\(\s*(?:(["'`])([^"'`]+)\1\s*\)|([^)]*)\))/g)) {
    found.add(match[2] ?? `<dynamic: ${(match[3] ?? '').trim().slice(0, 40)}>`);
  }
  return [...found];
}

/** Problems of one built preload: it must parse as a CommonJS script and require nothing but `electron`. */
export function preloadProblems(name: string, code: string): string[] {
  const problems: string[] = [];
  try {
    // How Node and Electron's sandbox wrap a CommonJS file.
    new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: name });
  } catch (error) {
    problems.push(`${name} does not parse: ${(error as Error).message}`);
  }
  for (const required of requiredModules(code)) {
    if (!PRELOAD_REQUIRES_ALLOWED.includes(required)) problems.push(`${name} requires "${required}", which a sandboxed preload cannot load`);
  }
  return problems;
}

/** Node's own parse check of an ES module or script file (`node --check`); null when it parses. */
export function parseProblem(file: string): string | null {
  const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  if (result.status === 0) return null;
  return `${file} does not parse: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 5).join(' ')}`;
}
