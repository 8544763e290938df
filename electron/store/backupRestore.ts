import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { syncFolder } from './files/atomicFile';
import { anchorPathFor } from './files/anchorFile';
import { unsealSnapshot } from './files/snapshotFile';
import type { KeyProvider } from './keyProvider';
import { StoreFolder } from './storeFolder';

export interface RestoredBackup {
  /** The generation of the snapshot now in use. */
  generation: number;
  /** Where the damaged files were moved (never deleted): a person or support can still look at them. */
  damagedFilesFolder: string;
}

/**
 * Puts the newest backup that decrypts and authenticates in place of a damaged or rolled-back store. The
 * damaged snapshot and journals are moved aside, not overwritten, and so is the store's anchor: going back is
 * the person's choice, so the store starts a new anchor from the backup. Commits made after that backup are
 * lost: the caller says so to the person before calling this.
 */
export async function restoreNewestGoodBackup(folderPath: string, keyProvider: KeyProvider, now: Date, anchorFile = anchorPathFor(folderPath)): Promise<RestoredBackup | null> {
  const folder = new StoreFolder(folderPath);
  const key = await keyProvider.dataKey();
  for (const generation of await folder.backupGenerations()) {
    try {
      unsealSnapshot(await readFile(folder.backup(generation)), key);
    } catch {
      continue;
    }
    const aside = join(folder.path, `damaged-${now.toISOString().replace(/[:.]/g, '-')}`);
    await mkdir(aside, { recursive: true, mode: 0o700 });
    for (const path of [folder.snapshot, ...(await folder.journalGenerations()).map((g) => folder.journal(g)), anchorFile]) {
      await rename(path, join(aside, basename(path))).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    }
    await copyFile(folder.backup(generation), folder.snapshot);
    await syncFolder(folder.path);
    return { generation, damagedFilesFolder: aside };
  }
  return null;
}

/** Generations of the backups a person could go back to, newest first. */
export async function listBackups(folderPath: string): Promise<number[]> {
  return new StoreFolder(folderPath).backupGenerations();
}
