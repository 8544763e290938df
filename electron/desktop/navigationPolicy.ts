import { isSameOrigin, originOf } from '../ipc/origins';

/**
 * What a window of ours may navigate to and open. In-app navigation stays within the renderer's origin
 * (electron/desktop/origins.ts); nothing opens inside the app; an https link (the operator's public pages)
 * goes to the system browser — except on a store kiosk, where a browser would hand a walk-in subscriber
 * the whole desktop, so it is refused.
 */
export interface NavigationPolicy {
  /** The origin our windows load (app://cabinet, or the dev server's). */
  trustedOrigin: string;
  kiosk: boolean;
}

export function navigationAllowed(url: string, policy: NavigationPolicy): boolean {
  return isSameOrigin(url, policy.trustedOrigin);
}

/** A new window is always denied; an https link off our origin may open in the system browser instead. */
export function windowOpenDecision(url: string, policy: NavigationPolicy): { action: 'deny'; openExternally: string | null } {
  if (policy.kiosk) return { action: 'deny', openExternally: null };
  const origin = originOf(url);
  const external = origin !== null && origin.startsWith('https://') && origin !== policy.trustedOrigin;
  return { action: 'deny', openExternally: external ? new URL(url).toString() : null };
}

/** The part of Electron's WebContents the guards use (a real one in the app, a recording fake in the conformance suite). */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: { preventDefault(): void; url?: string }, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/** Installs the guards on every web contents the app creates (app 'web-contents-created'). */
export function guardWebContents(contents: GuardedContents, policy: NavigationPolicy, openExternal: (url: string) => Promise<void>): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (!navigationAllowed(url, policy)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url, policy);
    if (decision.openExternally) void openExternal(decision.openExternally).catch(() => undefined);
    return { action: decision.action };
  });
}
