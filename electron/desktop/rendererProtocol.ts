import { readFile, realpath, stat } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { APP_HOST } from '../ipc/origins';

/**
 * The Content-Security-Policy of our pages, sent as a response header by the app:// handler (a header covers
 * what a meta tag cannot, and applies before the document parses); renderer/index.html and handset.html carry
 * the same policy as a meta tag for the dev server. The conformance suite checks that the two agree.
 */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
};

const answer = (status: number, text: string): Response =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });

/**
 * app://cabinet/<path> → a regular file under the renderer folder, read from disk; never anything outside it.
 * Malformed escapes answer 400; other hosts, directories, missing files, `..` in any spelling (%2e%2e), encoded
 * separators (%2f, %5c), backslashes, NUL and symlinks leading out answer 404; anything but GET/HEAD 405.
 */
export function createRendererProtocolHandler(rendererDir: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405, 'method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400, 'bad request');
    }
    if (url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return answer(404, 'not found');
    const rawPath = url.pathname === '/' || url.pathname === '' ? '/index.html' : url.pathname;
    // An encoded separator would become a path step after decoding: a request for one is never one of our files.
    if (/%(2f|5c|00)/i.test(rawPath)) return answer(404, 'not found');
    let path: string;
    try {
      path = decodeURIComponent(rawPath);
    } catch {
      return answer(400, 'bad request: malformed escape in the path');
    }
    const steps = path.split('/');
    if (path.includes('\\') || path.includes('\0') || steps.some((step) => step === '..' || step === '.')) return answer(404, 'not found');
    const root = await realpath(rendererDir).catch(() => rendererDir);
    const file = join(root, ...steps);
    if (!file.startsWith(root + sep)) return answer(404, 'not found');
    try {
      const real = await realpath(file);
      if (!real.startsWith(root + sep) || !(await stat(real)).isFile()) return answer(404, 'not found');
      const body = await readFile(real);
      const type = MIME_TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream';
      const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = RENDERER_CSP;
      return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers });
    } catch {
      return answer(404, 'not found');
    }
  };
}
