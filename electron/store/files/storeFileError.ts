/** Why a store file could not be used. Each reason is reported to the person in its own words. */
export type StoreFileProblem = 'not-a-store' | 'newer-format' | 'wrong-key' | 'damaged' | 'rolled-back';

export class StoreFileError extends Error {
  constructor(
    readonly reason: StoreFileProblem,
    message: string,
    /** The file the problem is in. */
    readonly file?: string,
  ) {
    super(message);
    this.name = 'StoreFileError';
  }
}
