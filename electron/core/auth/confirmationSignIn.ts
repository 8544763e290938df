import type { E164 } from '../../../shared/phone';
import type { Clock } from '../clock';
import { requireConfigured } from '../errors';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { UnitOfWork } from '../unitOfWork';
import type { ConfirmationGateway, LineCredential } from './ports';
import type { Session } from './sessions';
import type { SignInGuard } from './signInGuard';
import type { SignInRecorder } from './signInRecorder';

export const CONFIRMATION_TIMEOUT_MS = 120_000;
export const PROMPT_TEXT = 'Вход в личный кабинет. Нажмите 1 для подтверждения';

export type ConfirmationOutcome = 'approved' | 'declined' | 'timed-out' | 'cancelled';

/** Runs a callback after a delay; injected so tests decide when time passes. */
export type Schedule = (ms: number, run: () => void) => () => void;
export const realSchedule: Schedule = (ms, run) => {
  const timer = setTimeout(run, ms);
  timer.unref?.();
  return () => clearTimeout(timer);
};

interface Pending {
  promptId: string;
  windowId: string;
  /** Null for a number that gets no prompt (not ours, or blocked): its wait ends unanswered, as a silent phone's does. */
  credential: LineCredential | null;
  device: string;
  cancelTimer: () => void;
}

/**
 * «Без пароля»: the phone shows "press 1 to confirm"; 1 signs the waiting window in, 2 or no
 * answer in 120 s declines. One prompt per window; a new one replaces it. Every number gets the same answer and
 * the same wait, counted by the sign-in guard alike; only a number of ours that is not blocked gets the prompt.
 */
export class ConfirmationSignIn {
  private readonly byPrompt = new Map<string, Pending>();
  private readonly byWindow = new Map<string, string>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly gateway: ConfirmationGateway,
    private readonly recorder: SignInRecorder,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly onResolved: (windowId: string, outcome: ConfirmationOutcome, session: Session | null) => void,
    private readonly logger: Logger,
    private readonly guard: SignInGuard,
    private readonly schedule: Schedule = realSchedule,
  ) {}

  async start(windowId: string, msisdn: E164, device: string): Promise<{ expiresAt: number }> {
    requireConfigured(this.gateway, 'sms');
    const found = await this.uow.write(async (repos) => {
      await this.guard.admitMessage(repos, msisdn, device);
      return repos.credentials.forNumber(msisdn);
    });
    const credential = found && found.lineStatus !== 'blocked' ? found : null;
    this.finish(this.byWindow.get(windowId), 'cancelled');
    const promptId = this.ids.next('prompt');
    const expiresAt = this.clock.now() + CONFIRMATION_TIMEOUT_MS;
    const cancelTimer = this.schedule(CONFIRMATION_TIMEOUT_MS, () => this.finish(promptId, 'timed-out'));
    this.byPrompt.set(promptId, { promptId, windowId, credential, device, cancelTimer });
    this.byWindow.set(windowId, promptId);
    if (credential) this.gateway.prompt(credential.msisdn, { id: promptId, text: PROMPT_TEXT, expiresAt });
    return { expiresAt };
  }

  cancel(windowId: string): boolean {
    return this.finish(this.byWindow.get(windowId), 'cancelled');
  }

  /** The phone's answer: "1" approves, anything else declines. An answer to a closed prompt changes nothing. */
  async answer(promptId: string, key: string): Promise<void> {
    const pending = this.byPrompt.get(promptId);
    if (!pending?.credential) return;
    if (key !== '1') {
      this.finish(promptId, 'declined');
      return;
    }
    this.forget(pending);
    try {
      const session = await this.recorder.open(pending.credential, 'confirmation', pending.device, false);
      this.onResolved(pending.windowId, 'approved', session);
    } catch (error) {
      this.logger.error('an approved confirmation could not open a session', { error: (error as Error).message });
      this.onResolved(pending.windowId, 'cancelled', null);
    }
  }

  /** The window went away: its prompt goes too. */
  windowClosed(windowId: string): void {
    this.finish(this.byWindow.get(windowId), 'cancelled', false);
  }

  private finish(promptId: string | undefined, outcome: Exclude<ConfirmationOutcome, 'approved'>, tell = true): boolean {
    const pending = promptId ? this.byPrompt.get(promptId) : undefined;
    if (!pending) return false;
    this.forget(pending);
    if (tell) this.onResolved(pending.windowId, outcome, null);
    return true;
  }

  private forget(pending: Pending): void {
    pending.cancelTimer();
    this.byPrompt.delete(pending.promptId);
    if (this.byWindow.get(pending.windowId) === pending.promptId) this.byWindow.delete(pending.windowId);
    if (pending.credential) this.gateway.close(pending.promptId);
  }
}
