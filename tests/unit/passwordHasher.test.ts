import { describe, expect, it } from 'vitest';
import { PasswordHasher } from '../../electron/core/auth/passwordHasher';

const hasher = new PasswordHasher({ N: 1024, r: 8, p: 1 });

describe('a stored password', () => {
  it('is a salted scrypt hash that does not contain the password', async () => {
    const stored = await hasher.hash('Sever-2026');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(stored).not.toContain('Sever-2026');
    expect(await hasher.hash('Sever-2026')).not.toBe(stored);
  });

  it('matches only the same password', async () => {
    const stored = await hasher.hash('Sever-2026');
    expect(await hasher.verify('Sever-2026', stored)).toBe(true);
    expect(await hasher.verify('sever-2026', stored)).toBe(false);
    expect(await hasher.verify('', stored)).toBe(false);
  });

  it('a malformed stored hash never matches', async () => {
    expect(await hasher.verify('x', 'plain-text')).toBe(false);
  });
});
