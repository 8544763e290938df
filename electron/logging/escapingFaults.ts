import type { Logger } from '../core/logger';

/** The process events a fault escapes through; `process` in the app, a stand-in in a test. */
export interface FaultSource {
  on(event: 'uncaughtException', listener: (error: unknown) => void): unknown;
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  removeListener(event: 'uncaughtException' | 'unhandledRejection', listener: (error: unknown) => void): unknown;
}

/**
 * The main process's last line: an exception nobody caught, or a rejected promise nobody awaited, is logged
 * (its name and message, never its payload) and the app goes on — one failed connection or callback must not
 * take every window down with it. Returns a function that takes the handlers off again.
 */
export function catchEscapingFaults(logger: Logger, source: FaultSource = process): () => void {
  const describe = (fault: unknown): Record<string, string> => {
    if (fault instanceof Error) return { name: fault.name, error: fault.message.slice(0, 300), stack: (fault.stack ?? '').split('\n').slice(1, 4).join(' | ').slice(0, 400) };
    return { name: typeof fault, error: String(fault).slice(0, 300) };
  };
  const onException = (error: unknown) => {
    try {
      logger.error('an exception escaped; the app goes on', describe(error));
    } catch {
      // a logger that fails must not turn this into a crash
    }
  };
  const onRejection = (reason: unknown) => {
    try {
      logger.error('a rejected promise was not handled; the app goes on', describe(reason));
    } catch {
      // as above
    }
  };
  source.on('uncaughtException', onException);
  source.on('unhandledRejection', onRejection);
  return () => {
    source.removeListener('uncaughtException', onException);
    source.removeListener('unhandledRejection', onRejection);
  };
}
