import { join } from 'node:path';
import type { NodeLogger } from 'electron-log';
import type { Logger } from '../core/logger';
import { rotateLogFiles } from './logRotation';
import { redactValue } from './redaction';

export interface FileLoggerOptions {
  /** The folder of the log files: `<userData>/logs` in the app. */
  folder: string;
  /** A file is rotated when it grows past this; 1 MiB by default. */
  maxBytes?: number;
  /** How many rotated files are kept besides the live one; 5 by default. */
  keep?: number;
  /** Echo to the console too (development). */
  console?: boolean;
  /** Log uncaught exceptions and unhandled rejections of the process (the app: yes). */
  catchErrors?: boolean;
}

export interface FileLogger extends Logger {
  /** The live log file. */
  readonly path: string;
}

/**
 * The core's Logger on electron-log (`electron-log/main` in the app): rotating files in the user-data folder.
 * Every entry — ours, a library's, an uncaught error — passes the redaction layer before any transport writes it.
 */
export function createFileLogger(log: NodeLogger, options: FileLoggerOptions): FileLogger {
  const path = join(options.folder, 'main.log');
  const keep = options.keep ?? 5;
  log.transports.file.resolvePathFn = () => path;
  log.transports.file.maxSize = options.maxBytes ?? 1024 * 1024;
  log.transports.file.level = 'info';
  log.transports.file.archiveLogFn = (file) => void rotateLogFiles(file.toString(), keep);
  log.transports.console.level = options.console ? 'info' : false;
  log.hooks.push((message) => ({ ...message, data: message.data.map((item) => redactValue(item)) }));
  if (options.catchErrors) log.errorHandler.startCatching({ showDialog: false });

  const write = (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, string | number | boolean>) =>
    fields && Object.keys(fields).length > 0 ? log[level](message, fields) : log[level](message);
  return { path, info: write('info'), warn: write('warn'), error: write('error') };
}
