import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SocialProvider } from '../../../shared/contract/auth';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { LineAlert, NotificationPreferences, ProfileView } from '../../../shared/contract/profile';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';
import { useSessionStore } from './session';
import { toastTimers, type ToastTone } from '../ui/toasts';

/** A payment that arrived is good news (closes by itself); a low balance, a package running out, a debt due are warnings. */
export const alertTone = (alert: LineAlert): ToastTone => (alert.kind === 'payment-arrived' ? 'success' : 'warning');

export type LinkState = 'waiting' | 'linked' | 'already-linked' | 'state-mismatch' | 'provider-error' | 'timed-out' | 'cancelled' | 'not-linked' | 'signed-in';

/** «Профиль и настройки», and the alerts the subscriber asked for while the window is open. */
export const useProfileStore = defineStore('profile', () => {
  const profile = ref<ProfileView | null>(null);
  const { pending: working, run, reset: resetWorking } = usePending();
  const emailCodeSentTo = ref<string | null>(null);
  /** The digits of the e-mail code, as requestEmailCode's answer says. */
  const emailCodeLength = ref<4 | 6>(4);
  const link = ref<{ provider: SocialProvider; state: LinkState } | null>(null);
  const alerts = ref<Array<LineAlert & { id: number }>>([]);
  let alertCounter = 0;

  async function keep(call: () => Promise<Result<ProfileView>>): Promise<CabinetError | null> {
    const result = await run(call);
    if (!result.ok) return result.error;
    profile.value = result.value;
    return null;
  }

  const load = () => keep(() => cabinet.profile.get({}));
  async function update(change: { name?: string; contactAddress?: string }): Promise<CabinetError | null> {
    const error = await keep(() => cabinet.profile.update(change));
    // The header greets by name: the session follows a new one.
    if (!error) await useSessionStore().restore();
    return error;
  }
  async function requestEmailCode(email: string): Promise<CabinetError | null> {
    return run(async () => {
      const result = await cabinet.profile.requestEmailCode({ email });
      if (!result.ok) return result.error;
      emailCodeSentTo.value = email.trim().toLowerCase();
      emailCodeLength.value = result.value.codeLength;
      await load();
      return null;
    });
  }
  async function confirmEmail(code: string): Promise<CabinetError | null> {
    const error = await keep(() => cabinet.profile.confirmEmail({ code }));
    if (!error) emailCodeSentTo.value = null;
    return error;
  }
  const setNotifications = (notifications: NotificationPreferences) => keep(() => cabinet.profile.setNotifications(notifications));
  const unlinkSocial = (provider: SocialProvider) => keep(() => cabinet.profile.unlinkSocial({ provider }));

  async function linkSocial(provider: SocialProvider): Promise<CabinetError | null> {
    const result = await cabinet.profile.linkSocial({ provider });
    if (!result.ok) return result.error;
    link.value = { provider, state: 'waiting' };
    return null;
  }
  async function cancelLink(): Promise<void> {
    await cabinet.auth.cancelSocialSignIn({});
    if (link.value) link.value = { ...link.value, state: 'cancelled' };
  }
  /** The end of a link started here (a sign-in's end goes to the session store). */
  async function linkResolved(provider: SocialProvider, state: Exclude<LinkState, 'waiting'>): Promise<void> {
    link.value = { provider, state };
    if (state === 'linked') await load();
  }
  const linking = () => link.value?.state === 'waiting';

  const timers = toastTimers((id) => dismissAlert(id));
  function alertRaised(alert: LineAlert): void {
    alertCounter += 1;
    const kept = [...alerts.value, { ...alert, id: alertCounter }];
    for (const dropped of kept.slice(0, -5)) timers.forget(dropped.id);
    alerts.value = kept.slice(-5);
    timers.schedule(alertCounter, alertTone(alert));
  }
  function dismissAlert(id: number): void {
    timers.forget(id);
    alerts.value = alerts.value.filter((alert) => alert.id !== id);
  }

  function $reset(): void {
    profile.value = null;
    resetWorking();
    emailCodeSentTo.value = null;
    link.value = null;
    timers.clear();
    alerts.value = [];
  }

  return {
    profile,
    working,
    emailCodeSentTo,
    emailCodeLength,
    link,
    alerts,
    load,
    update,
    requestEmailCode,
    confirmEmail,
    setNotifications,
    linkSocial,
    cancelLink,
    linkResolved,
    linking,
    unlinkSocial,
    alertRaised,
    dismissAlert,
    /** The pointer or the focus is on a toast: it does not close under them. */
    holdAlert: (id: number) => timers.hold(id),
    releaseAlert: (id: number) => timers.release(id),
    $reset,
  };
});
