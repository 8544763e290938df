import { z } from 'zod';
import { method } from './method';
import { NoInput } from './common';

export const Language = z.enum(['ru', 'en']);
export type Language = z.infer<typeof Language>;
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

export const Preferences = z.object({ language: Language, theme: Theme });
export type Preferences = z.infer<typeof Preferences>;

export const settings = {
  preferences: method({ access: 'public', input: NoInput, output: Preferences }),
  updatePreferences: method({
    access: 'public',
    input: z.strictObject({
      language: Language.optional(),
      theme: Theme.optional(),
    }),
    output: Preferences,
  }),
};
