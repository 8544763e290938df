/**
 * Origins, right by construction. WHATWG's URL gives every scheme outside its short "special" list (http, https,
 * ws, wss, ftp, file) the opaque origin "null" — `new URL('app://cabinet/').origin === 'null'` in Node, where the
 * main process runs — so comparing `.origin` would refuse every call from our own window, and would make
 * `app://evil` equal `app://cabinet`. Chromium registers `app` as a standard scheme (registerSchemesAsPrivileged),
 * so its origin is scheme + host; this module says so explicitly, and is the one place that turns a URL into an
 * origin for the IPC binding, the navigation guards and the window-open handler.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'cabinet';
/** The origin the packaged renderer is served from (electron/desktop/rendererProtocol.ts). */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * The origin of a frame or link URL: `app://host` for our standard scheme, the WHATWG origin for http(s)
 * (the dev server is `http://localhost:port`), and null for everything else — file:, data:, blob:, javascript:,
 * about:, an unparsable string — which is never anybody's trusted origin.
 */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.username || parsed.password) return null;
  if (parsed.protocol === `${APP_SCHEME}:`) {
    // A standard scheme needs a host: app:cabinet or app:///index.html have none.
    if (!url.slice(parsed.protocol.length).startsWith('//') || parsed.hostname === '') return null;
    return `${APP_SCHEME}://${parsed.hostname.toLowerCase()}${parsed.port ? `:${parsed.port}` : ''}`;
  }
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.origin;
  return null;
}

/**
 * The origin our windows load: the dev server's while `npm run dev` serves the renderer (never in a packaged
 * app), else app://cabinet.
 */
export function trustedRendererOrigin(devServerUrl: string | undefined): string {
  if (devServerUrl) {
    const origin = originOf(devServerUrl);
    if (origin === null || !/^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(origin)) {
      throw new Error(`ELECTRON_RENDERER_URL must be the local dev server (http://localhost:port), not ${devServerUrl.slice(0, 80)}`);
    }
    return origin;
  }
  return APP_ORIGIN;
}

/** Whether a URL belongs to the trusted origin (both parsed the same way; null never matches). */
export function isSameOrigin(url: string, trustedOrigin: string): boolean {
  const origin = originOf(url);
  return origin !== null && origin === trustedOrigin;
}
