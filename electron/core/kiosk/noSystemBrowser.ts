import type { OAuthPorts } from '../auth/socialSignIn';
import { DomainError } from '../errors';

/**
 * The OAuth ports with the system browser (and the loopback listener it would answer) refused on a kiosk: a
 * browser opened on a shared computer leaves the locked-down window and keeps the person signed in to their
 * provider for the next one. Asked at each call, so it holds whatever a handler forgets to check.
 */
export function withoutSystemBrowserOnKiosk(ports: OAuthPorts, isKiosk: () => boolean): OAuthPorts {
  const refuseOnKiosk = (): void => {
    if (isKiosk()) throw new DomainError('FORBIDDEN', 'the system browser is off on a store kiosk', { reason: 'kiosk' });
  };
  return {
    listen: async () => {
      refuseOnKiosk();
      return ports.listen();
    },
    openInBrowser: async (url) => {
      refuseOnKiosk();
      return ports.openInBrowser(url);
    },
    exchangeCode: (config, request) => ports.exchangeCode(config, request),
    fetchSubject: (config, accessToken) => ports.fetchSubject(config, accessToken),
  };
}
