import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The files of one store folder, by role. */
export class StoreFolder {
  constructor(readonly path: string) {}

  get snapshot(): string {
    return join(this.path, 'cabinet.store');
  }
  get lock(): string {
    return join(this.path, 'cabinet.lock');
  }
  get backups(): string {
    return join(this.path, 'backups');
  }
  journal(generation: number): string {
    return join(this.path, `cabinet.${generation}.journal`);
  }
  backup(generation: number): string {
    return join(this.backups, `cabinet.${generation}.store`);
  }

  /** Generations that have a journal file, oldest first. */
  async journalGenerations(): Promise<number[]> {
    return numbered(await readdir(this.path), /^cabinet\.(\d+)\.journal$/);
  }

  /** Generations that have a backup snapshot, newest first. */
  async backupGenerations(): Promise<number[]> {
    const names = await readdir(this.backups).catch(() => [] as string[]);
    return numbered(names, /^cabinet\.(\d+)\.store$/).reverse();
  }
}

function numbered(names: string[], pattern: RegExp): number[] {
  return names
    .map((name) => pattern.exec(name)?.[1])
    .filter((match): match is string => match !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}
