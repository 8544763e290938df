import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SessionInfo } from '../../../shared/contract/auth';
import type { CabinetError } from '../../../shared/contract/errors';
import { cabinet } from '../api';

/** Who this window is signed in as. The token stays on the main side; this is only what to show. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionInfo | null>(null);
  const restored = ref(false);
  const pending = ref(false);
  /** Why the last session ended, to tell the person on the sign-in screen. */
  const endedBecause = ref<'expired' | null>(null);

  async function restore(): Promise<void> {
    const result = await cabinet.auth.currentSession({});
    session.value = result.ok ? result.value : null;
    restored.value = true;
  }

  async function signIn(phone: string, password: string): Promise<CabinetError | null> {
    pending.value = true;
    try {
      const result = await cabinet.auth.signInWithPassword({ phone, password });
      if (!result.ok) return result.error;
      session.value = result.value;
      endedBecause.value = null;
      return null;
    } finally {
      pending.value = false;
    }
  }

  async function signOut(): Promise<void> {
    pending.value = true;
    try {
      await cabinet.auth.signOut({});
    } finally {
      pending.value = false;
    }
  }

  function $reset(): void {
    session.value = null;
    pending.value = false;
    restored.value = true;
  }

  return { session, restored, pending, endedBecause, restore, signIn, signOut, $reset };
});
