import type { AdapterHealth, AdapterId, Diagnostics } from '../../shared/contract/settings';
import { redactText } from '../logging/redaction';

/** An adapter that can say how it is: a real connection to the operator's network, the store's database… */
export interface HealthReporting {
  health(): AdapterHealth;
}

const MESSAGE_LIMIT = 300;

/** Our own words about a failure, with anything that looks like a number, a code or a password taken out. */
export function healthMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const redacted = redactText(text).replace(/\s+/g, ' ').trim();
  return redacted.length > MESSAGE_LIMIT ? `${redacted.slice(0, MESSAGE_LIMIT - 1)}…` : redacted || 'unknown error';
}

/**
 * What a live adapter keeps about itself for the diagnostics screen: its connection state, the last failure
 * (when and what, redacted) and what waits to go out. Adapters own one and tell it as things happen.
 */
export class HealthTracker implements HealthReporting {
  private state: AdapterHealth['state'];
  private lastError: AdapterHealth['lastError'] = null;
  private queueLength: number | null = null;

  constructor(
    readonly adapter: AdapterId,
    private readonly endpoint: string | null,
    private readonly now: () => Date = () => new Date(),
    initial: AdapterHealth['state'] = 'connecting',
  ) {
    this.state = initial;
  }

  connecting(): void {
    this.state = 'connecting';
  }

  connected(): void {
    this.state = 'connected';
  }

  ready(): void {
    this.state = 'ready';
  }

  /** The connection is gone (it may come back on its own). */
  down(error: unknown): void {
    this.state = 'down';
    this.failed(error);
  }

  /** One operation failed; the connection may still be up. */
  failed(error: unknown): void {
    this.lastError = { at: this.now().toISOString(), message: healthMessage(error) };
  }

  queue(length: number): void {
    this.queueLength = Math.max(0, Math.trunc(length));
  }

  health(): AdapterHealth {
    return { adapter: this.adapter, mode: 'live', state: this.state, endpoint: this.endpoint, lastError: this.lastError, queueLength: this.queueLength };
  }
}

function reports(port: unknown): port is HealthReporting {
  return typeof port === 'object' && port !== null && typeof (port as Partial<HealthReporting>).health === 'function';
}

/**
 * How one port is served: the adapter's own report where it keeps one; "not configured" for a port without an
 * adapter; the demo double, ready, in demo mode; otherwise a live adapter that keeps no report (ready, as far
 * as anyone can tell without asking it).
 */
export function describePort(adapter: AdapterId, port: unknown, demoDouble: boolean): AdapterHealth {
  if (reports(port)) return { ...port.health(), adapter };
  const base = { adapter, endpoint: null, lastError: null, queueLength: null };
  if ((port as { configured?: boolean } | null)?.configured === false) return { ...base, mode: 'not-configured', state: 'not-configured' };
  if (demoDouble) return { ...base, mode: 'demo', state: 'ready', endpoint: 'embedded' };
  return { ...base, mode: 'live', state: 'ready' };
}

/** The ports of one running cabinet, asked in a fixed order each time the screen looks. */
export class DiagnosticsBoard {
  private readonly sources: Array<{ adapter: AdapterId; report: () => AdapterHealth | Promise<AdapterHealth> }> = [];

  constructor(private readonly now: () => Date = () => new Date()) {}

  add(adapter: AdapterId, report: () => AdapterHealth | Promise<AdapterHealth>): void {
    this.sources.push({ adapter, report });
  }

  async snapshot(): Promise<Diagnostics> {
    const adapters = await Promise.all(
      this.sources.map(async ({ adapter, report }): Promise<AdapterHealth> => {
        try {
          return { ...(await report()), adapter };
        } catch (error) {
          // A report that fails says so instead of hiding the others.
          return { adapter, mode: 'live', state: 'down', endpoint: null, lastError: { at: this.now().toISOString(), message: healthMessage(error) }, queueLength: null };
        }
      }),
    );
    return { checkedAt: this.now().toISOString(), adapters };
  }
}

/** A port that exists only once the store is open. */
export function notYetOpen(adapter: AdapterId): AdapterHealth {
  return { adapter, mode: 'live', state: 'connecting', endpoint: null, lastError: null, queueLength: null };
}

/** What a shared (PostgreSQL) store tells about its connections. */
interface ConnectionReporting {
  connectionHealth(): { endpoint: string; lastFailure: { at: Date; message: string } | null; lastSuccess: Date | null; waiting: number; listening: 'off' | 'up' | 'down' };
}

function reportsConnection(store: unknown): store is ConnectionReporting {
  return typeof store === 'object' && store !== null && typeof (store as Partial<ConnectionReporting>).connectionHealth === 'function';
}

function lastErrorOf(failure: { at: Date; message: string } | null): AdapterHealth['lastError'] {
  return failure ? { at: failure.at.toISOString(), message: healthMessage(failure.message) } : null;
}

/**
 * The store: the embedded encrypted file, ready once open; or the chain's PostgreSQL server — connected when the
 * last unit of work went through after the last failure, down when a failure came after it; its queue is the
 * units of work waiting for a connection.
 */
export function storeHealth(store: unknown, shared: boolean): AdapterHealth {
  if (!store) return notYetOpen('store');
  if (!shared || !reportsConnection(store)) return { adapter: 'store', mode: 'live', state: 'ready', endpoint: 'embedded', lastError: null, queueLength: null };
  const health = store.connectionHealth();
  const failedLast = health.lastFailure !== null && (health.lastSuccess === null || health.lastFailure.at >= health.lastSuccess);
  return {
    adapter: 'store',
    mode: 'live',
    state: failedLast ? 'down' : health.lastSuccess ? 'connected' : 'ready',
    endpoint: health.endpoint,
    lastError: lastErrorOf(health.lastFailure),
    queueLength: health.waiting,
  };
}

/** The chain's notices (sign-outs elsewhere): LISTEN up, being caught up after a loss, or not yet listening. */
export function chainNoticesHealth(store: unknown): AdapterHealth {
  if (!store || !reportsConnection(store)) return notYetOpen('chainNotices');
  const health = store.connectionHealth();
  const state = health.listening === 'up' ? 'connected' : health.listening === 'down' ? 'down' : 'connecting';
  return { adapter: 'chainNotices', mode: 'live', state, endpoint: health.endpoint, lastError: health.listening === 'down' ? lastErrorOf(health.lastFailure) : null, queueLength: null };
}

/** The mail outbox's sender as it tells itself: letters waiting are its queue, in every mode. */
export interface MailDeliveryReport {
  state: 'not-configured' | 'ready' | 'failing';
  lastError: string | null;
  lastErrorAt: string | null;
  outbox: { queued: number; sending: number };
}

/** Mail: the SMTP sender's state (or demo/not set up), with the letters waiting in the outbox as its queue. */
export function mailHealth(report: MailDeliveryReport, demo: boolean, endpoint: string | null): AdapterHealth {
  const queueLength = report.outbox.queued + report.outbox.sending;
  const lastError = report.lastError ? { at: report.lastErrorAt ?? new Date().toISOString(), message: healthMessage(report.lastError) } : null;
  if (report.state === 'not-configured') {
    return demo
      ? { adapter: 'mail', mode: 'demo', state: 'ready', endpoint: 'embedded', lastError: null, queueLength }
      : { adapter: 'mail', mode: 'not-configured', state: 'not-configured', endpoint: null, lastError: null, queueLength };
  }
  return { adapter: 'mail', mode: 'live', state: report.state === 'failing' ? 'down' : 'ready', endpoint, lastError, queueLength };
}
