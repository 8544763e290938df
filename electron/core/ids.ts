import { randomUUID } from 'node:crypto';

/** Ids are made by the core, never by SQL, so that a replayed statement makes the same row. */
export interface IdGenerator {
  next(prefix: string): string;
}

export const randomIds: IdGenerator = { next: (prefix) => `${prefix}_${randomUUID()}` };

/** Predictable ids for tests: prefix_1, prefix_2, … */
export class SequentialIds implements IdGenerator {
  private counter = 0;
  next(prefix: string): string {
    this.counter += 1;
    return `${prefix}_${this.counter}`;
  }
}
