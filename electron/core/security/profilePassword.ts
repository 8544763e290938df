import { PasswordAttempts } from '../auth/passwordAttempts';
import type { PasswordHasher } from '../auth/passwordHasher';
import type { PasswordOwner } from '../auth/passwordPolicy';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';

/**
 * The profile owner's password confirms a sensitive action (block a SIM, change the password): it is the
 * subscriber's own, whichever of the profile's numbers the window is looking at. Each re-entry counts toward
 * the same lockout as a sign-in with the owner's number: a stolen session cannot guess the password here.
 */
export async function requireProfilePassword(uow: UnitOfWork, hasher: PasswordHasher, clock: Clock, subscriberId: string, password: string): Promise<void> {
  const owner = await uow.read(async (repos) => {
    const own = (await repos.profileLines.numbersOf(subscriberId)).find((number) => number.relation === 'own');
    return own ? await repos.credentials.forLineId(own.lineId) : null;
  });
  const wrong = (extra: Record<string, unknown> = {}) =>
    new DomainError('INVALID_CREDENTIALS', 'the password is wrong', { field: 'password', fields: [{ field: 'password', expected: 'your current password' }], ...extra });
  if (!owner) throw wrong();
  const attempts = new PasswordAttempts(uow, clock);
  const attempt = await attempts.begin(owner.msisdn);
  if (!owner.passwordHash || !(await hasher.verify(password, owner.passwordHash))) throw wrong(attempt.refuse().details ?? {});
  await attempts.succeeded(owner.msisdn);
}

/** Who the password policy judges a new password for: the profile's numbers, the owner's name and current password. */
export async function passwordOwnerOf(uow: UnitOfWork, hasher: PasswordHasher, subscriberId: string): Promise<PasswordOwner> {
  const { numbers, owner } = await uow.read(async (repos) => {
    const numbers = await repos.profileLines.numbersOf(subscriberId);
    const own = numbers.find((number) => number.relation === 'own');
    return { numbers: numbers.map((number) => number.msisdn), owner: own ? await repos.credentials.forLineId(own.lineId) : null };
  });
  const currentHash = owner?.passwordHash ?? null;
  return {
    numbers,
    name: owner?.subscriberName ?? '',
    isCurrent: async (password) => currentHash !== null && (await hasher.verify(password, currentHash)),
  };
}
