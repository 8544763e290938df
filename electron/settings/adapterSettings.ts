import { z } from 'zod';
import type { AdapterSettingsView, ConfigurableAdapter, SettingValue } from '../../shared/contract/settings';

/**
 * The operator's connections as settings.json keeps them (`adapters.sms`, `adapters.mail`, `adapters.cardPayments`):
 * what staff (on a kiosk, behind the PIN) or whoever sets the computer up type on «Состояние подключений». Secrets
 * (the SMPP password, the mail password, the acquirer's secret key) are sealed with the OS keystore before they
 * touch the file and never leave the main process: the windows see only whether one is set. Changes apply at the
 * next start, when the adapters are built.
 */
export type FieldKind = 'text' | 'number' | 'secret' | 'boolean';

interface FieldSpec {
  key: string;
  kind: FieldKind;
  required: boolean;
  /** How a value of this field must look; its message names what is expected. */
  schema: z.ZodType;
}

const host = z
  .string()
  .trim()
  .min(1, 'a host name or address')
  .max(253, 'a host name of at most 253 characters')
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a host name or address, without a scheme or a path');
const port = z.number({ error: 'a port number' }).int('a whole port number').min(1, 'a port from 1 to 65535').max(65_535, 'a port from 1 to 65535');
const secret = z.string().min(1, 'the secret').max(512, 'at most 512 characters');

export const ADAPTER_FIELDS: Record<ConfigurableAdapter, FieldSpec[]> = {
  sms: [
    { key: 'host', kind: 'text', required: true, schema: host },
    { key: 'port', kind: 'number', required: true, schema: port },
    { key: 'systemId', kind: 'text', required: true, schema: z.string().trim().min(1, 'the system id').max(15, 'a system id of at most 15 characters (SMPP 3.4)') },
    { key: 'password', kind: 'secret', required: true, schema: secret.max(8, 'a password of at most 8 characters (SMPP 3.4)') },
    { key: 'sourceAddress', kind: 'text', required: true, schema: z.string().trim().regex(/^(\d{1,15}|[A-Za-z0-9 ._-]{1,11})$/, 'a short code of digits or a name of at most 11 letters and digits') },
  ],
  mail: [
    { key: 'host', kind: 'text', required: true, schema: host },
    { key: 'port', kind: 'number', required: true, schema: port },
    { key: 'user', kind: 'text', required: false, schema: z.string().trim().max(254, 'a user name of at most 254 characters') },
    { key: 'password', kind: 'secret', required: false, schema: secret },
    { key: 'from', kind: 'text', required: true, schema: z.string().trim().email('an e-mail address, like cabinet@operator.ru') },
    { key: 'tls', kind: 'text', required: false, schema: z.enum(['starttls', 'implicit', 'none'], { error: 'starttls (port 587), implicit (port 465) or none (a server on this computer only)' }) },
  ],
  cardPayments: [
    // YooKassa API v3 (electron/network/yookassa): the shop's id and secret key; the API address only to override it.
    { key: 'shopId', kind: 'text', required: true, schema: z.string().trim().regex(/^\d{1,12}$/, 'the shop id from the YooKassa account (digits)') },
    { key: 'secretKey', kind: 'secret', required: true, schema: z.string().regex(/^(live|test)_[A-Za-z0-9_-]{8,}$/, 'the secret key from the YooKassa account (live_… or test_…)') },
    { key: 'apiUrl', kind: 'text', required: false, schema: z.url({ protocol: /^https$/, error: 'an https:// address of the acquirer API' }) },
  ],
};

/** Where the values are kept (electron-store in the app, a plain object in tests). */
export interface RawSettings {
  get(key: 'adapters'): unknown;
  set(key: 'adapters', value: Record<string, Record<string, unknown>>): void;
}

/** The OS keystore (Electron's safeStorage); `available` is false where it would keep secrets in the clear. */
export interface SecretSealer {
  readonly available: boolean;
  seal(plain: string): string;
  open(sealed: string): string;
}

/** A value that cannot be kept: names the field and what is expected. Never carries the value itself. */
export class AdapterSettingsError extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: expected ${expected}`);
    this.name = 'AdapterSettingsError';
  }
}

type Stored = Record<string, unknown>;

function isSealed(value: unknown): value is { sealed: string } {
  return typeof value === 'object' && value !== null && typeof (value as { sealed?: unknown }).sealed === 'string';
}

export class AdapterSettings {
  /** Set once a change has been written: the adapters built at start do not have it yet. */
  private changed = false;

  constructor(
    private readonly raw: RawSettings,
    private readonly sealer: SecretSealer,
  ) {}

  private all(): Record<string, Stored> {
    const value = this.raw.get('adapters');
    return typeof value === 'object' && value !== null ? (value as Record<string, Stored>) : {};
  }

  private entry(adapter: ConfigurableAdapter): Stored {
    const value = this.all()[adapter];
    return typeof value === 'object' && value !== null ? value : {};
  }

  /** What the windows may see: every value but the secrets, which show only as set or not. */
  view(): AdapterSettingsView {
    const adapters = (Object.keys(ADAPTER_FIELDS) as ConfigurableAdapter[]).map((adapter) => {
      const stored = this.entry(adapter);
      const fields = ADAPTER_FIELDS[adapter].map((field) => {
        const value = stored[field.key];
        if (field.kind === 'secret') return { key: field.key, kind: field.kind, required: field.required, value: null, set: isSealed(value) };
        const shown = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : null;
        return { key: field.key, kind: field.kind, required: field.required, value: shown, set: shown !== null };
      });
      return { adapter, complete: this.resolved(adapter) !== null, fields };
    });
    return { sealing: this.sealer.available, restartNeeded: this.changed, adapters };
  }

  /**
   * Writes one adapter's values: each checked by its field's rule (the first bad one is named), secrets sealed.
   * A secret left out (or empty) keeps the one set before; `null` clears a field. Nothing is written unless all pass.
   */
  update(adapter: ConfigurableAdapter, values: Record<string, SettingValue>): AdapterSettingsView {
    const specs = ADAPTER_FIELDS[adapter];
    const known = new Set(specs.map((field) => field.key));
    const unknown = Object.keys(values).find((key) => !known.has(key));
    if (unknown) throw new AdapterSettingsError(`${adapter}.${unknown}`, `one of ${[...known].join(', ')}`);
    const next: Stored = { ...this.entry(adapter) };
    for (const field of specs) {
      if (!(field.key in values)) continue;
      const value = values[field.key];
      if (value === null) {
        delete next[field.key];
        continue;
      }
      if (field.kind === 'secret') {
        if (value === '') continue;
        if (!this.sealer.available) throw new AdapterSettingsError(`${adapter}.${field.key}`, 'an OS keyring to seal it: this computer has none, so no secret can be kept');
      }
      const parsed = field.schema.safeParse(typeof value === 'string' && field.kind !== 'secret' ? value.trim() : value);
      if (!parsed.success) throw new AdapterSettingsError(`${adapter}.${field.key}`, parsed.error.issues[0]?.message ?? 'another value');
      next[field.key] = field.kind === 'secret' ? { sealed: this.sealer.seal(String(parsed.data)) } : parsed.data;
    }
    this.raw.set('adapters', { ...this.all(), [adapter]: next });
    this.changed = true;
    return this.view();
  }

  /**
   * The values an adapter is built with at start, secrets opened; null while a required field is missing or a
   * stored value no longer passes its rule (a hand-edited file), so the port stays "not configured".
   */
  resolved(adapter: ConfigurableAdapter): Record<string, string | number | boolean> | null {
    const stored = this.entry(adapter);
    const out: Record<string, string | number | boolean> = {};
    for (const field of ADAPTER_FIELDS[adapter]) {
      const value = stored[field.key];
      if (value === undefined) {
        if (field.required) return null;
        continue;
      }
      if (field.kind === 'secret') {
        if (!isSealed(value) || !this.sealer.available) return null;
        try {
          out[field.key] = this.sealer.open(value.sealed);
        } catch {
          return null; // sealed by another user or computer
        }
        continue;
      }
      const parsed = field.schema.safeParse(value);
      if (!parsed.success) return null;
      out[field.key] = parsed.data as string | number | boolean;
    }
    return out;
  }
}

/** Settings kept in memory: tests and the harness. */
export class MemoryRawSettings implements RawSettings {
  private value: unknown = undefined;
  get(): unknown {
    return this.value;
  }
  set(_key: 'adapters', value: Record<string, Record<string, unknown>>): void {
    this.value = structuredClone(value);
  }
}
