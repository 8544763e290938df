import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { OutputOf } from '../../../shared/contract/index';
import type { ProfileNumberView, SimBlockStatus } from '../../../shared/contract/security';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';
import { useSessionStore } from './session';

type Sessions = OutputOf<'security.sessions'>;
type History = OutputOf<'security.signInHistory'>;
type SmsHistory = OutputOf<'security.smsHistory'>;

/** «Безопасность» and «Мои номера»: password, sessions, sign-in history, the SIM block, the profile's numbers. */
export const useSecurityStore = defineStore('security', () => {
  const sessions = ref<Sessions>([]);
  const history = ref<History>([]);
  /** SMS through the operator's SMS centre to and from this number, with delivery receipts. */
  const smsHistory = ref<SmsHistory>([]);
  const simBlock = ref<SimBlockStatus | null>(null);
  const numbers = ref<ProfileNumberView[]>([]);
  /** The last thing done on «Мои номера», said once more after the view remounts for another number. */
  const notice = ref('');

  const { pending: working, run: guarded, reset: resetWorking } = usePending();
  const keep = <T>(target: { value: T }) => (result: Result<T>): CabinetError | null => {
    if (!result.ok) return result.error;
    target.value = result.value;
    return null;
  };

  const loadSecurity = async () => {
    const [list, entries, block] = await Promise.all([cabinet.security.sessions({}), cabinet.security.signInHistory({}), cabinet.security.simBlock({})]);
    keep(sessions)(list);
    keep(history)(entries);
    keep(simBlock)(block);
    keep(smsHistory)(await cabinet.security.smsHistory({}));
  };
  const changePassword = (current: string, next: string) => guarded(() => cabinet.security.changePassword({ current, next }));
  const endSession = async (handle: string) => keep(sessions)(await guarded(() => cabinet.security.endSession({ handle })));
  const endOtherSessions = async () => {
    const result = await guarded(() => cabinet.security.endOtherSessions({}));
    await loadSecurity();
    return result.ok ? null : result.error;
  };
  const blockSim = async (password: string) => keep(simBlock)(await guarded(() => cabinet.security.blockSim({ password })));
  const unblockSim = async (password: string) => keep(simBlock)(await guarded(() => cabinet.security.unblockSim({ password })));

  const loadNumbers = async () => keep(numbers)(await cabinet.numbers.list({}));
  const requestAttach = (number: string) => guarded(() => cabinet.numbers.requestAttach({ number }));
  const confirmAttach = async (number: string, code: string) => keep(numbers)(await guarded(() => cabinet.numbers.confirmAttach({ number, code })));
  const detach = async (msisdn: string) => {
    const error = keep(numbers)(await guarded(() => cabinet.numbers.detach({ msisdn })));
    if (!error) await useSessionStore().restore();
    return error;
  };
  /** Points this window at another number: the session's number changes, every section reloads for it. */
  async function switchTo(msisdn: string): Promise<CabinetError | null> {
    const result = await guarded(() => cabinet.numbers.switch({ msisdn }));
    if (!result.ok) return result.error;
    useSessionStore().session = result.value;
    await loadNumbers();
    return null;
  }

  function $reset(): void {
    sessions.value = [];
    history.value = [];
    smsHistory.value = [];
    simBlock.value = null;
    numbers.value = [];
    resetWorking();
    notice.value = '';
  }

  return {
    sessions,
    history,
    smsHistory,
    simBlock,
    numbers,
    working,
    notice,
    loadSecurity,
    changePassword,
    endSession,
    endOtherSessions,
    blockSim,
    unblockSim,
    loadNumbers,
    requestAttach,
    confirmAttach,
    detach,
    switchTo,
    $reset,
  };
});
