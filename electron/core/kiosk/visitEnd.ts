import type { Logger } from '../logger';

/** Something on this computer that a subscriber's visit leaves behind, and how to wipe it. */
export interface VisitTrace {
  /** What it is, for the log: "clipboard", "receipt files". */
  name: string;
  wipe(): void | Promise<void>;
}

/**
 * The end of a visit to a kiosk (the subscriber ends it, signs out, or the idle timer does): what the main
 * process holds of that person — the clipboard, messages, card data, receipt files — is wiped, every trace
 * even if another fails. Off a kiosk it does nothing: a person's own computer keeps their things.
 */
export class KioskVisitEnd {
  private readonly traces: VisitTrace[] = [];

  constructor(
    private readonly isKiosk: () => boolean,
    private readonly logger: Logger,
  ) {}

  /** Adds what a visit leaves behind; the wiring adds each as it is built. */
  add(trace: VisitTrace): void {
    this.traces.push(trace);
  }

  /** Wipes every trace; resolves when all are wiped (or failed, which is logged). */
  async ended(): Promise<void> {
    if (!this.isKiosk()) return;
    const wiped = await Promise.allSettled(this.traces.map(async (trace) => trace.wipe()));
    wiped.forEach((outcome, index) => {
      if (outcome.status === 'rejected') {
        this.logger.error('a trace of a kiosk visit could not be wiped', { trace: this.traces[index]!.name, error: String((outcome.reason as Error)?.message ?? outcome.reason) });
      }
    });
  }
}
