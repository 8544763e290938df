import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { InputOf } from '../../../shared/contract/index';
import type { KioskStatus, StaffPanel } from '../../../shared/contract/kiosk';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

/** The kiosk profile of this computer and its staff panel. Per computer: a subscriber's sign-out keeps it. */
export const useKioskStore = defineStore('kiosk', () => {
  const status = ref<KioskStatus | null>(null);
  const panel = ref<StaffPanel | null>(null);
  const enabled = computed(() => status.value?.enabled === true);

  const { pending: working, run: guarded } = usePending();

  /** `asked`: the answer already on its way (the page asks first thing, see prefetchSignIn.ts). */
  async function load(asked = cabinet.kiosk.status({})): Promise<void> {
    const result = await asked;
    if (result.ok) status.value = result.value;
  }

  /** Answers with the error, if any; the status is reloaded either way (attempts left, a lockout). */
  async function withStatus<T>(call: () => Promise<Result<T>>, then: (value: T) => void): Promise<CabinetError | null> {
    const result = await guarded(call);
    if (result.ok) then(result.value);
    await load();
    return result.ok ? null : result.error;
  }

  const setPin = (pin: string, repeat: string) => withStatus(() => cabinet.kiosk.setPin({ pin, repeat }), () => loadPanel());
  const unlock = (pin: string) => withStatus(() => cabinet.kiosk.unlockPanel({ pin }), (value) => (panel.value = value));

  async function loadPanel(): Promise<void> {
    const result = await cabinet.kiosk.panel({});
    panel.value = result.ok ? result.value : null;
  }

  async function lock(): Promise<void> {
    panel.value = null;
    const result = await cabinet.kiosk.lockPanel({});
    if (result.ok) status.value = result.value;
  }

  const changePin = (current: string, pin: string, repeat: string) => withStatus(() => cabinet.kiosk.changePin({ current, pin, repeat }), (value) => (panel.value = value));
  const updateSettings = (patch: InputOf<'kiosk.updateSettings'>) => withStatus(() => cabinet.kiosk.updateSettings(patch), (value) => (panel.value = value));
  const exit = () => withStatus(() => cabinet.kiosk.exit({}), () => (panel.value = null));
  const printReceipt = (paymentId: string, copy = false) => cabinet.kiosk.printReceipt({ paymentId, copy });

  return { status, panel, working, enabled, load, setPin, unlock, loadPanel, lock, changePin, updateSettings, exit, printReceipt };
});
