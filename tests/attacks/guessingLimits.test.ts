// Issue 17 finding 5 (rest): the code length is operator data (4 or 6 digits), and every code voided by wrong
// tries makes the next one for that number wait longer (1 h, 2 h, 4 h … up to a day).
import { afterEach, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { parseOperatorData } from '../../electron/store/seed/bundledOperatorData';
import { demoLine, openTestCabinet, operatorData, tempDir, type TestCabinet } from '../integration/support';

let dir: Awaited<ReturnType<typeof tempDir>> | undefined;
let cabinet: TestCabinet | undefined;

afterEach(async () => {
  await cabinet?.close();
  await dir?.remove();
  cabinet = undefined;
  dir = undefined;
});

async function open(digits: 4 | 6): Promise<TestCabinet> {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path, { operatorData: { ...operatorData, codes: { ...operatorData.codes, digits } } });
  return cabinet;
}

const codeIn = (text: string) => /: (\d+)\./.exec(text)?.[1] ?? '';
const request = (c: TestCabinet): Promise<Result<{ codeLength: number }>> =>
  c.dispatcher.dispatch(c.window('stranger'), 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' }) as Promise<Result<{ codeLength: number }>>;
const tryCode = (c: TestCabinet, code: string) =>
  c.dispatcher.dispatch(c.window('stranger'), 'auth.signInWithCode', { phone: demoLine.msisdn, purpose: 'sign-in', code });
const retryAfter = (answer: Result<unknown>) => (answer.ok ? 0 : Number((answer.error.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0));

it('the operator data sets the code length: 6 digits in the SMS, the answer and the check', async () => {
  const c = await open(6);
  const asked = await request(c);
  expect(asked.ok && asked.value.codeLength).toBe(6);
  const code = codeIn(c.handset!.inbox(demoLine.msisdn as never)[0]!.text);
  expect(code).toMatch(/^\d{6}$/);
  // Four of the six digits are not a try at all: the field is named, the code stays usable.
  const short = await tryCode(c, code.slice(0, 4));
  expect(short.ok).toBe(false);
  expect(!short.ok && short.error.code).toBe('VALIDATION');
  expect(!short.ok && short.error.message).toContain('code: expected the 6 digits');
  expect((await tryCode(c, code)).ok).toBe(true);
});

it('4 digits stay as the operator sends today, and other lengths are refused in the operator data', async () => {
  const c = await open(4);
  const asked = await request(c);
  expect(asked.ok && asked.value.codeLength).toBe(4);
  expect(codeIn(c.handset!.inbox(demoLine.msisdn as never)[0]!.text)).toMatch(/^\d{4}$/);
  expect(() => parseOperatorData({ ...operatorData, codes: { digits: 5 } })).toThrow(/codes\.json: digits: expected 4 or 6 digits/);
});

it('each code voided by wrong tries makes the next one wait longer, doubling up to a day; a right code resets it', async () => {
  const c = await open(4);
  const waits: number[] = [];
  for (let round = 0; round < 7; round += 1) {
    expect((await request(c)).ok).toBe(true);
    const real = codeIn(c.handset!.inbox(demoLine.msisdn as never)[0]!.text);
    const wrong = real === '0000' ? '0001' : '0000';
    for (let i = 0; i < 3; i += 1) await tryCode(c, wrong);
    c.clock.advance(61_000);
    const refused = await request(c);
    expect(refused.ok).toBe(false);
    waits.push(retryAfter(refused));
    c.clock.advance(retryAfter(refused) * 1000);
  }
  // Counted from the end of the voided code's life (10 min after it was sent; 61 s of it already passed).
  const hours = waits.map((seconds) => Math.round((seconds + 61 - 600) / 360) / 10);
  expect(hours).toEqual([1, 2, 4, 8, 16, 24, 24]);
  // After the wait, a code comes; used rightly, it starts the ladder again.
  expect((await request(c)).ok).toBe(true);
  expect((await tryCode(c, codeIn(c.handset!.inbox(demoLine.msisdn as never)[0]!.text))).ok).toBe(true);
  c.clock.advance(61_000);
  expect((await request(c)).ok).toBe(true);
});
