import { z } from 'zod';
import { method } from './method';
import { NoInput } from './common';

/**
 * The local store's lock. Where the OS keeps the store's key (DPAPI, Keychain, a Linux keyring)
 * the store simply opens; on a computer without a keyring the person sets and types a passphrase.
 */
export const VaultState = z.enum(['opening', 'open', 'needs-passphrase', 'needs-new-passphrase']);
export type VaultState = z.infer<typeof VaultState>;

export const VaultStatus = z.object({
  state: VaultState,
  /** Why a passphrase is asked for: this computer has no OS keyring to keep the store's key. */
  reason: z.enum(['no-keyring']).optional(),
  minPassphraseLength: z.number().int().positive(),
  /** Whether the passphrase can be changed here (only where one is used). */
  usesPassphrase: z.boolean(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

const Passphrase = z
  .string({ error: 'expected the passphrase as text' })
  .min(1, 'expected the passphrase, it is empty')
  .max(1024, 'expected a passphrase of at most 1024 characters');

export const vault = {
  status: method({ access: 'public', input: NoInput, output: VaultStatus }),
  unlock: method({ access: 'public', input: z.strictObject({ passphrase: Passphrase }), output: VaultStatus }),
  changePassphrase: method({
    access: 'public',
    input: z.strictObject({ current: Passphrase, next: Passphrase }),
    output: z.object({ changed: z.literal(true) }),
  }),
};
