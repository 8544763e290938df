// A real OAuth 2.0 / OpenID Connect server (the `oidc-provider` package) on loopback, standing in for
// VK ID, Odnoklassniki or Facebook in tests: it enforces PKCE and checks the loopback redirect URI.
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import type { SocialProviderConfig } from '../../electron/core/auth/socialSignIn';

export interface TestOidcProvider {
  issuer: string;
  config: SocialProviderConfig;
  close(): Promise<void>;
}

export async function startOidcProvider(): Promise<TestOidcProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test provider got no port');
  const issuer = `http://127.0.0.1:${address.port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'subscriber-cabinet',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        // A native app's loopback redirect: the provider ignores the port (RFC 8252 §7.3).
        redirect_uris: ['http://127.0.0.1/callback'],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['subscriber-cabinet-test-cookies'] },
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    config: {
      clientId: 'subscriber-cabinet',
      authorizationEndpoint: `${issuer}/auth`,
      tokenEndpoint: `${issuer}/token`,
      userinfoEndpoint: `${issuer}/me`,
      scope: 'openid',
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
