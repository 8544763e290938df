import { describe, expect, it } from 'vitest';
import { passwordScore } from '../../renderer/src/format/passwordStrength';

describe('the strength shown while a password is typed', () => {
  it('an empty field is judged nothing, not «very weak»', async () => {
    expect(await passwordScore('', [])).toBeNull();
  });

  it('a Russian common word typed in the English layout is very weak', async () => {
    expect(await passwordScore('gfhjkm', [])).toBe(0);
    expect(await passwordScore('пароль', [])).toBe(0);
  });
});
