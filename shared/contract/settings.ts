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

/**
 * What this computer runs: demo mode (the test acquirer and the virtual handset; every screen shows a badge),
 * why demo mode was refused if it was asked for, and which of the operator's services are set up (`mail`: receipts
 * and notices go out by SMTP; false: «почта не настроена», they wait in the outbox).
 */
export const AppInfo = z.object({
  demo: z.boolean(),
  demoRefused: z.enum(['shared-store', 'staff-pin-required']).nullable(),
  services: z.object({ sms: z.boolean(), cardPayments: z.boolean(), wallets: z.boolean(), mail: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const settings = {
  appInfo: method({ access: 'public', input: NoInput, output: AppInfo }),
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
