import { createServer } from 'node:http';
import type { LoopbackRedirect, OAuthPorts, RedirectResult, SocialProviderConfig } from '../core/auth/socialSignIn';

const DONE_PAGE = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Личный кабинет</title>
<body style="font-family:sans-serif;padding:2rem"><h1>Готово</h1><p>Вернитесь в приложение «Личный кабинет». Эту вкладку можно закрыть.</p>
<p lang="en">Done — return to Subscriber Cabinet. You can close this tab.</p></body></html>`;

/**
 * A one-shot HTTP listener on 127.0.0.1 with a port the OS picks (RFC 8252 §7.3): it takes the first
 * request to /callback, answers with a short page, and stops. It gives up after `timeoutMs`.
 */
export async function listenOnLoopback(timeoutMs = 5 * 60_000): Promise<LoopbackRedirect> {
  let settle: (value: RedirectResult | null) => void = () => undefined;
  const result = new Promise<RedirectResult | null>((resolve) => (settle = resolve));
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/callback') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(DONE_PAGE);
    settle({
      code: url.searchParams.get('code') ?? undefined,
      state: url.searchParams.get('state') ?? undefined,
      error: url.searchParams.get('error') ?? undefined,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the loopback listener got no port');
  const timer = setTimeout(() => settle(null), timeoutMs);
  timer.unref();
  const close = () => {
    clearTimeout(timer);
    settle(null);
    server.close();
    server.closeAllConnections();
  };
  void result.then(() => setTimeout(close, 100).unref());
  return { redirectUri: `http://127.0.0.1:${address.port}/callback`, result, close };
}

/** The token and userinfo requests of the authorization-code flow; the code verifier proves it is the same app. */
export function httpOAuthPorts(openInBrowser: (url: string) => Promise<void>): OAuthPorts {
  return {
    listen: () => listenOnLoopback(),
    openInBrowser,
    exchangeCode: async (config: SocialProviderConfig, { code, redirectUri, codeVerifier }) => {
      const response = await fetch(config.tokenEndpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: config.clientId, code_verifier: codeVerifier }),
      });
      const body = (await response.json()) as { access_token?: string; error?: string };
      if (!response.ok || !body.access_token) throw new Error(`the token endpoint said ${response.status} ${body.error ?? ''}`.trim());
      return { accessToken: body.access_token };
    },
    fetchSubject: async (config: SocialProviderConfig, accessToken: string) => {
      const response = await fetch(config.userinfoEndpoint, { headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' } });
      const body = (await response.json()) as { sub?: string; id?: string | number };
      const subject = body.sub ?? (body.id === undefined ? undefined : String(body.id));
      if (!response.ok || !subject) throw new Error(`the userinfo endpoint said ${response.status}`);
      return subject;
    },
  };
}
