// Issue 17 finding 6: a new password is refused when it is common in either keyboard layout, holds one of the
// subscriber's numbers or names, is the current password, or is weak — each with its own reason.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { demo, openTestCabinet, tempDir, type TestCabinet } from '../integration/support';

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;
// Анна Сергеевна Петрова, with +79001234567 and +79007654321 in her profile.
const [own, second] = demo.lines;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  expect(await call('auth.signInWithPassword', { phone: own!.msisdn, password: demo.password })).toMatchObject({ ok: true });
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

function call(method: string, input: unknown): Promise<Result<unknown>> {
  return cabinet.dispatcher.dispatch(cabinet.window('owner'), method, input);
}
const change = (next: string) => call('security.changePassword', { current: demo.password, next });

describe('a new password', () => {
  it.each([
    ['пароль123', 'common'],
    ['gfhjkm2024', 'common'],
    ['йцукен12', 'common'],
    ['qwerty123', 'common'],
    ['P@ssw0rd1', 'common'],
    ['зфыыцщкв', 'common'],
    [`Call-me-${second!.msisdn.slice(2)}`, 'phone-number'],
    ['Petrova-Summer-Sea', 'name'],
    ['Анна-Летнее-Море', 'name'],
    ['fyyf-ktnytt-vjht', 'name'],
    ['aaaaaaaaaa', 'too-weak'],
    [demo.password, 'current-password'],
  ])('"%s" is refused (%s), naming the field', async (next, rule) => {
    expect(await change(next)).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: { rule, fields: [{ field: 'next' }] } } });
  });

  it('an unrelated passphrase is accepted', async () => {
    expect(await change('Kamchatka-Volcano-Tea-3')).toMatchObject({ ok: true });
  });
});
