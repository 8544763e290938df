import { describe, expect, it } from 'vitest';
import { usePending, useCall } from '../../../renderer/src/composables/useCall';
import type { Result } from '../../../shared/contract/errors';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('usePending / useCall', () => {
  it('stays pending until every call in flight has answered (two clicks, the first answers first)', async () => {
    const { pending, run } = usePending();
    const first = deferred<number>();
    const second = deferred<number>();
    const a = run(() => first.promise);
    const b = run(() => second.promise);
    expect(pending.value).toBe(true);
    first.resolve(1);
    await a;
    expect(pending.value).toBe(true);
    second.resolve(2);
    await b;
    expect(pending.value).toBe(false);
  });

  it('a call that throws is no longer pending', async () => {
    const { pending, run } = usePending();
    await expect(run(() => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    expect(pending.value).toBe(false);
  });

  it('after reset, an old call that answers late does not make the count go negative', async () => {
    const { pending, run, reset } = usePending();
    const old = deferred<number>();
    const late = run(() => old.promise);
    reset();
    expect(pending.value).toBe(false);
    const fresh = deferred<number>();
    const now = run(() => fresh.promise);
    old.resolve(1);
    await late;
    expect(pending.value).toBe(true);
    fresh.resolve(2);
    await now;
    expect(pending.value).toBe(false);
  });

  it('useCall keeps the value, or the error, of the last answer', async () => {
    const answers: Array<Result<string>> = [
      { ok: true, value: 'first' },
      { ok: false, error: { code: 'VALIDATION', message: 'amount: expected a whole number of kopecks' } },
    ];
    const { data, error, pending, call } = useCall(async (_input: { n: number }) => answers.shift()!);
    expect(await call({ n: 1 })).toBeNull();
    expect(data.value).toBe('first');
    expect(await call({ n: 2 })).toMatchObject({ code: 'VALIDATION' });
    expect(error.value?.message).toContain('amount');
    expect(data.value).toBe('first');
    expect(pending.value).toBe(false);
  });
});
