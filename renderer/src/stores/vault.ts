import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError } from '../../../shared/contract/errors';
import type { VaultStatus } from '../../../shared/contract/vault';
import { cabinet } from '../api';

/** Whether the local encrypted store is open, or waits for the person's passphrase. */
export const useVaultStore = defineStore('vault', () => {
  const status = ref<VaultStatus | null>(null);
  const pending = ref(false);

  async function refresh(): Promise<VaultStatus | null> {
    const result = await cabinet.vault.status({});
    status.value = result.ok ? result.value : null;
    return status.value;
  }

  /** Waits while the store opens (a large journal takes a moment to replay). */
  async function waitUntilSettled(): Promise<VaultStatus | null> {
    let current = await refresh();
    for (let attempt = 0; current?.state === 'opening' && attempt < 600; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await refresh();
    }
    return current;
  }

  async function unlock(passphrase: string): Promise<CabinetError | null> {
    pending.value = true;
    try {
      const result = await cabinet.vault.unlock({ passphrase });
      if (!result.ok) return result.error;
      status.value = result.value;
      return null;
    } finally {
      pending.value = false;
    }
  }

  async function changePassphrase(current: string, next: string): Promise<CabinetError | null> {
    pending.value = true;
    try {
      const result = await cabinet.vault.changePassphrase({ current, next });
      return result.ok ? null : result.error;
    } finally {
      pending.value = false;
    }
  }

  return { status, pending, refresh, waitUntilSettled, unlock, changePassphrase };
});
