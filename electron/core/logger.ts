/**
 * Where the main side writes what happened. Callers pass facts (method names, codes), never
 * payloads: a log must not hold a password, a code or a card number.
 */
export interface Logger {
  info(message: string, fields?: Record<string, string | number | boolean>): void;
  warn(message: string, fields?: Record<string, string | number | boolean>): void;
  error(message: string, fields?: Record<string, string | number | boolean>): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const consoleLogger: Logger = {
  info: (message, fields) => console.info(`[cabinet] ${message}`, fields ?? ''),
  warn: (message, fields) => console.warn(`[cabinet] ${message}`, fields ?? ''),
  error: (message, fields) => console.error(`[cabinet] ${message}`, fields ?? ''),
};
