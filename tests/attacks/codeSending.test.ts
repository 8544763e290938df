// Issue 17 finding 5 (part): the SMS codes sent to one number are capped per day, not only per hour.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Result } from '../../shared/contract/errors';
import { demoLine, openTestCabinet, tempDir, type TestCabinet } from '../integration/support';

const MINUTE = 60_000;
let dir: Awaited<ReturnType<typeof tempDir>>;
let cabinet: TestCabinet;

beforeEach(async () => {
  dir = await tempDir();
  cabinet = await openTestCabinet(dir.path);
});
afterEach(async () => {
  await cabinet.close();
  await dir.remove();
});

const requestCode = (): Promise<Result<unknown>> =>
  cabinet.dispatcher.dispatch(cabinet.window('stranger'), 'auth.requestCode', { phone: demoLine.msisdn, purpose: 'sign-in' });

it('a number gets at most 10 sign-in codes a day, however they are spread over the hours', async () => {
  let sent = 0;
  for (let hour = 0; hour < 23; hour += 1) {
    for (let i = 0; i < 5; i += 1) {
      if ((await requestCode()).ok) sent += 1;
      cabinet.clock.advance(MINUTE);
    }
    cabinet.clock.advance(55 * MINUTE);
  }
  expect(sent).toBe(10);
  expect(cabinet.handset!.inbox(demoLine.msisdn as never).length).toBeLessThanOrEqual(10);
  expect(await requestCode()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
});
