import { z } from 'zod';
import { method } from './method';
import { NoInput } from './common';

export const Language = z.enum(['ru', 'en']);
export type Language = z.infer<typeof Language>;
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** Which set of views the cabinet shows: the new one, or the classic one (large type, one plain page per task). */
export const InterfaceKind = z.enum(['new', 'classic']);
export type InterfaceKind = z.infer<typeof InterfaceKind>;

// A settings file written before the choice existed (or hand-edited) reads as the new interface, keeping the rest.
export const Preferences = z.object({ language: Language, theme: Theme, interface: InterfaceKind.catch('new') });
export type Preferences = z.infer<typeof Preferences>;

export const settings = {
  preferences: method({ access: 'public', input: NoInput, output: Preferences }),
  updatePreferences: method({
    access: 'public',
    input: z.strictObject({
      language: Language.optional(),
      theme: Theme.optional(),
      interface: InterfaceKind.optional(),
    }),
    output: Preferences,
  }),
};
