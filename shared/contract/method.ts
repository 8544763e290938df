import type { z } from 'zod';

/**
 * Who may call a method: anyone from our own window ("public"), or only a window
 * that is signed in ("session"); the dispatcher enforces it before the core is called.
 */
export type Access = 'public' | 'session';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly access: Access;
  readonly input: I;
  readonly output: O;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;
