import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CodePurpose, CodeSent, SessionInfo, SocialProvider } from '../../../shared/contract/auth';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import { cabinet } from '../api';

export type ConfirmationState = 'idle' | 'waiting' | 'approved' | 'declined' | 'timed-out' | 'cancelled';
export type SocialState = 'idle' | 'waiting' | 'signed-in' | 'not-linked' | 'state-mismatch' | 'provider-error' | 'timed-out' | 'cancelled';

/** Who this window is signed in as, and the sign-in in progress. The token stays on the main side. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null);
  const restored = ref(false);
  const pending = ref(false);
  /** Why the last session ended, to tell the person on the sign-in screen. */
  const endedBecause = ref<'expired' | 'signed-out-everywhere' | 'ended-elsewhere' | 'password-changed' | null>(null);
  const confirmation = ref<ConfirmationState>('idle');
  const confirmationExpiresAt = ref<string | null>(null);
  const socialProviders = ref<Array<{ id: SocialProvider; configured: boolean }>>([]);
  const social = ref<{ provider: SocialProvider; state: SocialState } | null>(null);

  async function run<T>(call: () => Promise<Result<T>>): Promise<{ value: T } | { error: CabinetError }> {
    pending.value = true;
    try {
      const result = await call();
      return result.ok ? { value: result.value } : { error: result.error };
    } finally {
      pending.value = false;
    }
  }

  async function opened(call: () => Promise<Result<SessionInfo>>): Promise<CabinetError | null> {
    const outcome = await run(call);
    if ('error' in outcome) return outcome.error;
    session.value = outcome.value;
    endedBecause.value = null;
    return null;
  }

  async function restore(): Promise<void> {
    const result = await cabinet.auth.currentSession({});
    session.value = result.ok ? result.value : null;
    restored.value = true;
  }

  const signIn = (phone: string, password: string) => opened(() => cabinet.auth.signInWithPassword({ phone, password }));
  const signInWithCode = (phone: string, purpose: CodePurpose, code: string) => opened(() => cabinet.auth.signInWithCode({ phone, purpose, code }));
  const signInWithPuk = (phone: string, puk: string) => opened(() => cabinet.auth.signInWithPuk({ phone, puk }));
  const setPassword = (password: string) => opened(() => cabinet.auth.setPassword({ password }));
  const requestCode = (phone: string, purpose: CodePurpose): Promise<{ value: CodeSent } | { error: CabinetError }> =>
    run(() => cabinet.auth.requestCode({ phone, purpose }));

  async function startConfirmation(phone: string): Promise<CabinetError | null> {
    const outcome = await run(() => cabinet.auth.startConfirmation({ phone }));
    if ('error' in outcome) return outcome.error;
    confirmation.value = 'waiting';
    confirmationExpiresAt.value = outcome.value.expiresAt;
    return null;
  }

  async function cancelConfirmation(): Promise<void> {
    await cabinet.auth.cancelConfirmation({});
  }

  /** The phone answered (or did not): on approval this window is already signed in on the main side. */
  async function confirmationResolved(outcome: Exclude<ConfirmationState, 'idle' | 'waiting'>): Promise<void> {
    confirmation.value = outcome;
    confirmationExpiresAt.value = null;
    if (outcome === 'approved') await restore();
  }

  async function loadSocialProviders(): Promise<void> {
    const result = await cabinet.auth.socialProviders({});
    if (result.ok) socialProviders.value = result.value;
  }

  async function startSocial(provider: SocialProvider): Promise<CabinetError | null> {
    const outcome = await run(() => cabinet.auth.startSocialSignIn({ provider }));
    if ('error' in outcome) return outcome.error;
    social.value = { provider, state: 'waiting' };
    return null;
  }

  async function cancelSocial(): Promise<void> {
    await cabinet.auth.cancelSocialSignIn({});
    if (social.value) social.value = { ...social.value, state: 'cancelled' };
  }

  async function socialResolved(provider: SocialProvider, state: Exclude<SocialState, 'idle' | 'waiting'>): Promise<void> {
    social.value = { provider, state };
    if (state === 'signed-in') await restore();
  }

  /** Tells the main side the window is in use: a kiosk's page sees input that makes no call. */
  async function keepAlive(): Promise<void> {
    await cabinet.auth.currentSession({});
  }

  async function signOut(): Promise<void> {
    await run(() => cabinet.auth.signOut({}));
  }

  async function signOutEverywhere(): Promise<void> {
    await run(() => cabinet.auth.signOutEverywhere({}));
  }

  function $reset(): void {
    session.value = null;
    pending.value = false;
    restored.value = true;
    confirmation.value = 'idle';
    confirmationExpiresAt.value = null;
    social.value = null;
  }

  return {
    session,
    restored,
    pending,
    endedBecause,
    confirmation,
    confirmationExpiresAt,
    restore,
    signIn,
    signInWithCode,
    signInWithPuk,
    setPassword,
    requestCode,
    startConfirmation,
    cancelConfirmation,
    confirmationResolved,
    socialProviders,
    social,
    loadSocialProviders,
    startSocial,
    cancelSocial,
    socialResolved,
    keepAlive,
    signOut,
    signOutEverywhere,
    $reset,
  };
});
