import type { SocialProvider } from './model';
import { systemClock, type Clock } from '../clock';
import { DomainError } from '../errors';
import type { Logger } from '../logger';
import type { UnitOfWork } from '../unitOfWork';
import { newAuthorizationSecrets } from './pkce';
import type { Session } from './sessions';
import type { SignInRecorder } from './signInRecorder';

export type { SocialProvider };

export interface SocialProviderConfig {
  clientId: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  userinfoEndpoint: string;
  scope: string;
}

/** What came back to the loopback redirect. */
export interface RedirectResult {
  code?: string;
  state?: string;
  error?: string;
}

export interface LoopbackRedirect {
  redirectUri: string;
  /** Resolves with the first request to the redirect URI, or null when it times out or is closed. */
  result: Promise<RedirectResult | null>;
  close(): void;
}

/** The outside world of an OAuth sign-in: a loopback listener, the system browser, the provider's endpoints. */
export interface OAuthPorts {
  listen(): Promise<LoopbackRedirect>;
  openInBrowser(url: string): Promise<void>;
  exchangeCode(config: SocialProviderConfig, request: { code: string; redirectUri: string; codeVerifier: string }): Promise<{ accessToken: string }>;
  fetchSubject(config: SocialProviderConfig, accessToken: string): Promise<string>;
}

export type SocialOutcome = 'signed-in' | 'not-linked' | 'linked' | 'already-linked' | 'state-mismatch' | 'provider-error' | 'timed-out' | 'cancelled';

/** What the flow is for: signing a window in, or linking the identity to the profile signed in there. */
type Purpose = { kind: 'sign-in'; device: string } | { kind: 'link'; subscriberId: string; lineId: string };

/**
 * VK ID, Odnoklassniki, Facebook: OAuth 2.0 authorization code with PKCE (S256) in the system
 * browser and a loopback redirect on 127.0.0.1 with a random port (RFC 8252); `state` checked.
 * Only an identity already linked to a subscriber signs in.
 */
export class SocialSignIn {
  private readonly pending = new Map<string, LoopbackRedirect>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly providers: () => Partial<Record<SocialProvider, SocialProviderConfig>>,
    private readonly ports: OAuthPorts,
    private readonly recorder: SignInRecorder,
    private readonly onResolved: (windowId: string, provider: SocialProvider, outcome: SocialOutcome, session: Session | null) => void,
    private readonly logger: Logger,
    private readonly clock: Clock = systemClock,
  ) {}

  configured(): Array<{ id: SocialProvider; configured: boolean }> {
    const providers = this.providers();
    return (['vk', 'ok', 'facebook'] as const).map((id) => ({ id, configured: providers[id] !== undefined }));
  }

  async start(windowId: string, provider: SocialProvider, device: string): Promise<void> {
    await this.begin(windowId, provider, { kind: 'sign-in', device });
  }

  /** Links the identity the person signs in with at the provider to their profile (the same OAuth flow). */
  async startLink(windowId: string, provider: SocialProvider, subscriberId: string, lineId: string): Promise<void> {
    await this.begin(windowId, provider, { kind: 'link', subscriberId, lineId });
  }

  private async begin(windowId: string, provider: SocialProvider, purpose: Purpose): Promise<void> {
    const config = this.providers()[provider];
    if (!config) throw new DomainError('NOT_ELIGIBLE', `${provider} sign-in is not configured in the settings`, { reason: 'not-configured' });
    this.cancel(windowId, false);
    const { state, codeVerifier, codeChallenge } = newAuthorizationSecrets();
    const redirect = await this.ports.listen();
    this.pending.set(windowId, redirect);
    const url = new URL(config.authorizationEndpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.clientId,
      redirect_uri: redirect.redirectUri,
      scope: config.scope,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    }).toString();
    void this.finish(windowId, provider, config, redirect, state, codeVerifier, purpose);
    await this.ports.openInBrowser(url.toString());
  }

  cancel(windowId: string, tell = true): boolean {
    const redirect = this.pending.get(windowId);
    if (!redirect) return false;
    this.pending.delete(windowId);
    redirect.close();
    if (tell) this.logger.info('a social sign-in was cancelled');
    return true;
  }

  private async finish(
    windowId: string,
    provider: SocialProvider,
    config: SocialProviderConfig,
    redirect: LoopbackRedirect,
    state: string,
    codeVerifier: string,
    purpose: Purpose,
  ): Promise<void> {
    const resolve = (outcome: SocialOutcome, session: Session | null = null) => this.onResolved(windowId, provider, outcome, session);
    const result = await redirect.result;
    const stillPending = this.pending.get(windowId) === redirect;
    this.pending.delete(windowId);
    redirect.close();
    if (!result) return resolve(stillPending ? 'timed-out' : 'cancelled');
    if (result.state !== state) return resolve('state-mismatch');
    if (result.error || !result.code) return resolve('provider-error');
    try {
      const { accessToken } = await this.ports.exchangeCode(config, { code: result.code, redirectUri: redirect.redirectUri, codeVerifier });
      const subject = await this.ports.fetchSubject(config, accessToken);
      if (purpose.kind === 'link') return resolve(await this.link(provider, subject, purpose));
      const credential = await this.uow.read(async (repos) => {
        const linked = await repos.socialIdentities.find(provider, subject);
        return linked ? repos.credentials.forLineId(linked.lineId) : null;
      });
      if (!credential) return resolve('not-linked');
      resolve('signed-in', await this.recorder.open(credential, 'social', purpose.device, false));
    } catch (error) {
      this.logger.warn('a social sign-in failed at the provider', { provider, error: (error as Error).message.slice(0, 200) });
      resolve('provider-error');
    }
  }

  /** One identity, one profile: an identity another profile linked stays theirs. */
  private async link(provider: SocialProvider, subject: string, purpose: Extract<Purpose, { kind: 'link' }>): Promise<SocialOutcome> {
    return this.uow.write(async (repos) => {
      const existing = await repos.socialIdentities.find(provider, subject);
      if (existing) return existing.subscriberId === purpose.subscriberId ? 'linked' : 'already-linked';
      if ((await repos.socialIdentities.ofSubscriber(purpose.subscriberId)).some((identity) => identity.provider === provider)) {
        await repos.socialIdentities.unlink(purpose.subscriberId, provider);
      }
      await repos.socialIdentities.link({ provider, subject, subscriberId: purpose.subscriberId, lineId: purpose.lineId }, new Date(this.clock.now()).toISOString());
      return 'linked';
    });
  }
}
