import type { PasswordHasher } from '../auth/passwordHasher';
import { DomainError } from '../errors';
import type { UnitOfWork } from '../unitOfWork';

/**
 * The profile owner's password confirms a sensitive action (block a SIM, change the password): it is the
 * subscriber's own, whichever of the profile's numbers the window is looking at.
 */
export async function requireProfilePassword(uow: UnitOfWork, hasher: PasswordHasher, subscriberId: string, password: string): Promise<void> {
  const hash = await uow.read(async (repos) => {
    const own = (await repos.profileLines.numbersOf(subscriberId)).find((number) => number.relation === 'own');
    return own ? ((await repos.credentials.forLineId(own.lineId))?.passwordHash ?? null) : null;
  });
  if (!hash || !(await hasher.verify(password, hash))) {
    throw new DomainError('INVALID_CREDENTIALS', 'the password is wrong', { field: 'password', fields: [{ field: 'password', expected: 'your current password' }] });
  }
}
