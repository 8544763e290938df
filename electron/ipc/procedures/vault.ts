import type { VaultStatus } from '../../../shared/contract/vault';
import { DomainError } from '../../core/errors';
import { StoreFileError } from '../../store/files/storeFileError';
import { StoreLockedError } from '../../store/files/storeLock';
import { NewerStoreVersionError } from '../../store/newerStoreVersionError';
import { MIN_PASSPHRASE_LENGTH, WeakPassphraseError, WrongPassphraseError } from '../../store/passphraseVault';
import type { AreaProcedures, ProcedureDependencies, Procedures } from '../procedure';

async function vaultStatus(deps: ProcedureDependencies): Promise<VaultStatus> {
  const common = { minPassphraseLength: MIN_PASSPHRASE_LENGTH, usesPassphrase: deps.vault !== null };
  if (deps.core()) return { state: 'open', ...common };
  const locked = deps.vault ? await deps.vault.state() : 'unlocked';
  if (locked === 'unlocked') return { state: 'opening', ...common };
  return { state: locked, reason: 'no-keyring', ...common };
}

/** The store's passphrase where no OS keyring keeps its key: answered before the store opens. */
export const vaultProcedures = (procedure: Procedures): AreaProcedures<'vault'> => ({
  'vault.status': procedure.public(async (_input, { deps }) => vaultStatus(deps)),
  'vault.unlock': procedure.public(async ({ passphrase }, { deps }) => {
    const vault = deps.vault;
    if (vault) {
      await translateVaultErrors(() => vault.unlock(passphrase), 'passphrase');
      await deps.storeReady().catch((error: unknown) => {
        throw storeOpenFailure(error);
      });
    }
    return vaultStatus(deps);
  }),
  'vault.changePassphrase': procedure.public(async ({ current, next }, { deps }) => {
    const vault = deps.vault;
    if (!vault) throw new DomainError('NOT_ELIGIBLE', 'this computer keeps the store key in the OS keyring; there is no passphrase');
    await translateVaultErrors(() => vault.changePassphrase(current, next), 'next');
    return { changed: true as const };
  }),
});

/**
 * Why the store did not open, as an answer a window can act on: STORE_UNAVAILABLE with
 * details.reason ('wrong-key', 'damaged', 'rolled-back', 'newer-format', 'not-a-store', 'locked').
 * Anything else stays a fault (INTERNAL).
 */
function storeOpenFailure(error: unknown): unknown {
  const fail = (reason: string, message: string) => new DomainError('STORE_UNAVAILABLE', `the store could not be opened: ${message}`, { state: 'cannot-open', reason });
  if (error instanceof StoreFileError) return fail(error.reason, error.message);
  if (error instanceof NewerStoreVersionError) return fail('newer-format', error.message);
  if (error instanceof StoreLockedError) return fail('locked', error.message);
  return error;
}

async function translateVaultErrors(work: () => Promise<void>, newPassphraseField: string): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof WrongPassphraseError) throw new DomainError('PASSPHRASE_INVALID', error.message);
    if (error instanceof WeakPassphraseError) {
      throw new DomainError('VALIDATION', `${newPassphraseField}: ${error.message}`, {
        fields: [{ field: newPassphraseField, expected: `a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters` }],
      });
    }
    throw error;
  }
}
