import { existsSync, renameSync, rmSync } from 'node:fs';
import { parse, join } from 'node:path';

/**
 * Rotates a full log file: main.log → main.1.log → … → main.<keep>.log; the oldest is removed.
 * Returns the paths that exist afterwards, newest first (the live file is then recreated by the logger).
 */
export function rotateLogFiles(livePath: string, keep: number): string[] {
  if (!Number.isInteger(keep) || keep < 1) throw new RangeError(`keep must be a whole number of files ≥ 1, got ${keep}`);
  const { dir, name, ext } = parse(livePath);
  const archive = (index: number): string => join(dir, `${name}.${index}${ext}`);
  rmSync(archive(keep), { force: true });
  for (let index = keep - 1; index >= 1; index -= 1) {
    if (existsSync(archive(index))) renameSync(archive(index), archive(index + 1));
  }
  if (existsSync(livePath)) renameSync(livePath, archive(1));
  return Array.from({ length: keep }, (_, index) => archive(index + 1)).filter((path) => existsSync(path));
}
