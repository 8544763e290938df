import { z } from 'zod';
import { method } from './method';
import { Instant, NoInput } from './common';

export const Language = z.enum(['ru', 'en']);
export type Language = z.infer<typeof Language>;
export const Theme = z.enum(['system', 'light', 'dark']);
export type Theme = z.infer<typeof Theme>;

/** Which set of views the cabinet shows: the new one, or the classic one (large type, one plain page per task). */
export const InterfaceKind = z.enum(['new', 'classic']);
export type InterfaceKind = z.infer<typeof InterfaceKind>;

// A settings file written before the choice existed (or hand-edited) reads as the new interface, keeping the rest.
export const StartWithSystem = z.object({ available: z.boolean(), on: z.boolean() });
export type StartWithSystem = z.infer<typeof StartWithSystem>;

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

/** The services the app talks to, each behind its own adapter. */
export const AdapterId = z.enum(['store', 'chainNotices', 'sms', 'confirmations', 'mail', 'cardPayments', 'wallets', 'supportDesk']);
export type AdapterId = z.infer<typeof AdapterId>;

/**
 * One adapter as a maintainer needs to see it: whether it is the real thing, the demo double or missing; whether
 * it is working now; the last thing that went wrong (our own words, never a secret); what waits to be sent.
 */
export const AdapterHealth = z.object({
  adapter: AdapterId,
  mode: z.enum(['live', 'demo', 'not-configured']),
  state: z.enum(['ready', 'connected', 'connecting', 'down', 'not-configured']),
  /** Where it connects (host and port, or "embedded"); never a user name or a password. */
  endpoint: z.string().max(200).nullable(),
  lastError: z.object({ at: Instant, message: z.string().max(300) }).nullable(),
  /** Messages, payments or requests waiting to go out; null where the adapter keeps no queue. */
  queueLength: z.number().int().nonnegative().nullable(),
});
export type AdapterHealth = z.infer<typeof AdapterHealth>;

export const Diagnostics = z.object({ checkedAt: Instant, adapters: z.array(AdapterHealth) });
export type Diagnostics = z.infer<typeof Diagnostics>;

/** The connections whose settings are typed on the diagnostics screen (on a kiosk, in the staff panel). */
export const ConfigurableAdapter = z.enum(['sms', 'mail', 'cardPayments']);
export type ConfigurableAdapter = z.infer<typeof ConfigurableAdapter>;
export const SettingValue = z.union([z.string().max(2048), z.number(), z.boolean()]).nullable();
export type SettingValue = z.infer<typeof SettingValue>;

/** One field as the window sees it: a secret's value is never sent, only whether one is set. */
export const AdapterSettingField = z.object({
  key: z.string(),
  kind: z.enum(['text', 'number', 'secret', 'boolean']),
  required: z.boolean(),
  value: z.union([z.string(), z.number(), z.boolean()]).nullable(),
  set: z.boolean(),
});
export type AdapterSettingField = z.infer<typeof AdapterSettingField>;

export const AdapterSettingsView = z.object({
  /** This computer can seal secrets (an OS keyring); without one no password or key can be kept. */
  sealing: z.boolean(),
  /** A change was saved in this run: it applies when the app starts again. */
  restartNeeded: z.boolean(),
  adapters: z.array(z.object({ adapter: ConfigurableAdapter, complete: z.boolean(), fields: z.array(AdapterSettingField) })),
});
export type AdapterSettingsView = z.infer<typeof AdapterSettingsView>;

export const settings = {
  appInfo: method({ access: 'public', input: NoInput, output: AppInfo }),
  preferences: method({ access: 'public', input: NoInput, output: Preferences }),
  /**
   * Each adapter's state, for whoever maintains this computer. On a store kiosk staff only (an unlocked staff
   * panel in this window): a walk-in subscriber has no business with the operator's connections.
   */
  diagnostics: method({ access: 'public', input: NoInput, output: Diagnostics }),
  /** The connections' settings (secrets only as set or not); on a kiosk staff only, like diagnostics. */
  adapterSettings: method({ access: 'public', input: NoInput, output: AdapterSettingsView }),
  /** One connection's values: a secret left empty keeps the one set; null clears a field. Applies at the next start. */
  updateAdapterSettings: method({
    access: 'public',
    input: z.strictObject({ adapter: ConfigurableAdapter, values: z.record(z.string().max(40), SettingValue) }),
    output: AdapterSettingsView,
  }),
  /** «Запускать вместе с системой»: the OS login item; not available where the app cannot set one (a kiosk, a browser). */
  startWithSystem: method({ access: 'public', input: NoInput, output: StartWithSystem }),
  setStartWithSystem: method({ access: 'public', input: z.strictObject({ on: z.boolean({ error: 'expected true or false' }) }), output: StartWithSystem }),
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
