// Issue 17 finding 5 (listing numbers): requestCode, PUK and passwordless answered NOT_FOUND, NOT_ELIGIBLE and
// SIM_BLOCKED for different numbers, so anyone could list which numbers are subscribers. Every method a window may
// call before sign-in now answers a subscriber, a number that is not ours, an ineligible one and a blocked one with
// the same bytes, after the same work: the same count of hashes and of store statements (timing is not asserted).
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PasswordHasher } from '../../electron/core/auth/passwordHasher';
import { SecretHasher } from '../../electron/core/auth/secretHash';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { PostgresExecutor } from '../../electron/store/postgres/postgresExecutor';
import { SqlJsExecutor } from '../../electron/store/sqlExecutor';
import { demoLine, openTestCabinet, operatorData, tempDir, TEST_ORIGIN, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
const unregistered = operatorData.demoSubscribers.find((subscriber) => subscriber.password === null)!;
const blocked = operatorData.demoSubscribers.flatMap((subscriber) => subscriber.lines).find((line) => line.status === 'blocked')!;

/** The four kinds of number; each is tried from its own computer and window, so no count of one reaches another. */
const kinds = {
  subscriber: demoLine.msisdn,
  'not ours': '+79990001122',
  ineligible: unregistered.lines[0]!.msisdn,
  blocked: blocked.msisdn,
} as const;
type Kind = keyof typeof kinds;

let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
  // The store's start-up work (pending payments, autopay) runs in the background: counted work starts after it.
  for (let quiet = 0; quiet < 3; ) {
    const work = countWork();
    await new Promise((resolve) => setTimeout(resolve, 20));
    quiet = work().statements === 0 ? quiet + 1 : 0;
    vi.restoreAllMocks();
  }
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cabinet.close();
  await dir.remove();
});

const contextOf = (kind: Kind): CallContext => ({ senderId: `window of ${kind}`, origin: TEST_ORIGIN, device: `computer of ${kind}` });

/** Counts what a call does that takes time: keyed hashes (codes, PUKs), scrypt runs (passwords) and store statements. */
function countWork(): () => { hashes: number; scrypt: number; statements: number } {
  const spies = {
    hashes: [vi.spyOn(SecretHasher.prototype, 'hash')],
    scrypt: [vi.spyOn(PasswordHasher.prototype, 'hash'), vi.spyOn(PasswordHasher.prototype, 'verify')],
    // Each store's one way to the database: sql.js's `one` and `run` do not go through `all`; PostgreSQL's do, through `query`.
    statements: [
      ...(['all', 'one', 'run'] as const).map((name) => vi.spyOn(SqlJsExecutor.prototype, name)),
      vi.spyOn(PostgresExecutor.prototype as unknown as { query: () => Promise<unknown> }, 'query'),
    ],
  };
  const total = (list: Array<{ mock: { calls: unknown[] } }>) => list.reduce((sum, spy) => sum + spy.mock.calls.length, 0);
  const start = { hashes: total(spies.hashes), scrypt: total(spies.scrypt), statements: total(spies.statements) };
  return () => ({ hashes: total(spies.hashes) - start.hashes, scrypt: total(spies.scrypt) - start.scrypt, statements: total(spies.statements) - start.statements });
}

/** One step: the same call for every kind at the same instant; the answers' bytes and the work done. */
async function step(method: string, input: (phone: string) => unknown): Promise<Record<Kind, { answer: string; work: ReturnType<ReturnType<typeof countWork>> }>> {
  const out = {} as Record<Kind, { answer: string; work: ReturnType<ReturnType<typeof countWork>> }>;
  for (const [kind, phone] of Object.entries(kinds) as Array<[Kind, string]>) {
    const work = countWork();
    const answer = JSON.stringify(await cabinet.dispatcher.dispatch(contextOf(kind), method, input(phone)));
    out[kind] = { answer, work: work() };
    vi.restoreAllMocks();
  }
  return out;
}

function expectUniform(results: Record<Kind, { answer: string; work: unknown }>): string {
  const subscriber = results.subscriber;
  for (const kind of Object.keys(kinds) as Kind[]) {
    expect({ kind, answer: results[kind].answer }).toEqual({ kind, answer: subscriber.answer });
    expect({ kind, work: results[kind].work }).toEqual({ kind, work: subscriber.work });
  }
  return subscriber.answer;
}

it('every way in by SMS code answers the four kinds of number alike, through a wrong code, its last try and the wait after', async () => {
  const sent = expectUniform(await step('auth.requestCode', (phone) => ({ phone, purpose: 'sign-in' })));
  expect(JSON.parse(sent)).toMatchObject({ ok: true, value: { codeLength: 6 } });
  // Only the subscriber's phone got the code; nobody else's got anything.
  expect(cabinet.handset!.inbox(kinds.subscriber as never)).toHaveLength(1);
  for (const kind of ['not ours', 'ineligible', 'blocked'] as const) expect(cabinet.handset!.inbox(kinds[kind] as never)).toEqual([]);
  const real = /: (\d{6})\./.exec(cabinet.handset!.inbox(kinds.subscriber as never)[0]!.text)![1]!;
  const wrong = real === '000000' ? '000001' : '000000';

  const tries = [];
  for (let i = 0; i < 3; i += 1) tries.push(JSON.parse(expectUniform(await step('auth.signInWithCode', (phone) => ({ phone, purpose: 'sign-in', code: wrong })))));
  expect(tries.map((answer) => answer.error.details.triesLeft)).toEqual([2, 1, 0]);
  // A code of the wrong length is not a try, for any number.
  expectUniform(await step('auth.signInWithCode', (phone) => ({ phone, purpose: 'sign-in', code: '1234' })));

  cabinet.clock.advance(MINUTE + 1000);
  // The voided code makes the next one wait, for every number alike.
  const waited = JSON.parse(expectUniform(await step('auth.requestCode', (phone) => ({ phone, purpose: 'sign-in' }))));
  expect(waited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  cabinet.clock.advance(waited.error.details.retryAfterSeconds * 1000);

  for (const purpose of ['register', 'recover'] as const) {
    expect(JSON.parse(expectUniform(await step('auth.requestCode', (phone) => ({ phone, purpose }))))).toMatchObject({ ok: true });
    expect(JSON.parse(expectUniform(await step('auth.signInWithCode', (phone) => ({ phone, purpose, code: wrong }))))).toMatchObject({
      ok: false,
      error: { code: 'OTP_INVALID', details: { triesLeft: 2 } },
    });
  }
  // A code asked for before any was sent.
  expectUniform(await step('auth.signInWithCode', (phone) => ({ phone, purpose: 'sign-in', code: wrong })));
});

it('the message limits answer every number alike: the same refusal at the same count', async () => {
  const answers: string[] = [];
  for (let i = 0; i < 12; i += 1) {
    answers.push(expectUniform(await step('auth.requestCode', (phone) => ({ phone, purpose: i % 2 ? 'recover' : 'register' }))));
    answers.push(expectUniform(await step('auth.startConfirmation', (phone) => ({ phone }))));
    expectUniform(await step('auth.cancelConfirmation', () => ({})));
    cabinet.clock.advance(MINUTE + 1000);
  }
  expect(answers.filter((answer) => JSON.parse(answer).ok)).toHaveLength(5);
  expect(JSON.parse(answers.at(-1)!)).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', details: { retryAt: expect.any(String) } } });
});

it('password, PUK and passwordless sign-in answer the four kinds alike, up to PUK sign-in switched off', async () => {
  expect(JSON.parse(expectUniform(await step('auth.signInWithPassword', (phone) => ({ phone, password: 'not-the-password-1' }))))).toMatchObject({
    ok: false,
    error: { code: 'INVALID_CREDENTIALS' },
  });
  const puks = [];
  for (let i = 0; i < 4; i += 1) puks.push(JSON.parse(expectUniform(await step('auth.signInWithPuk', (phone) => ({ phone, puk: '00000000' })))));
  expect(puks.map((answer) => answer.error.code)).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'NOT_ELIGIBLE']);
  expect(puks.slice(0, 3).map((answer) => answer.error.details.triesLeft)).toEqual([2, 1, 0]);

  const prompted = JSON.parse(expectUniform(await step('auth.startConfirmation', (phone) => ({ phone }))));
  expect(prompted).toMatchObject({ ok: true, value: { expiresAt: expect.any(String) } });
  // Only the subscriber's phone shows the prompt; the others wait as a silent phone would.
  expect(cabinet.handset!.openPrompts(kinds.subscriber as never)).toHaveLength(1);
  for (const kind of ['not ours', 'blocked'] as const) expect(cabinet.handset!.openPrompts(kinds[kind] as never)).toEqual([]);
  expect(JSON.parse(expectUniform(await step('auth.cancelConfirmation', () => ({}))))).toEqual({ ok: true, value: { cancelled: true } });
});
