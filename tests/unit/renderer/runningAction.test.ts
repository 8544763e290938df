import { describe, expect, it } from 'vitest';
import { useRunningAction } from '../../../renderer/src/composables/runningAction';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((done, fail) => ((resolve = done), (reject = fail)));
  return { promise, resolve, reject };
}

describe('useRunningAction', () => {
  it('names the row whose call runs, and no row once it has answered', async () => {
    const { running, runAs } = useRunningAction<string>();
    expect(running.value).toBeNull();
    const call = deferred<string>();
    const answer = runAs('end:2', () => call.promise);
    expect(running.value).toBe('end:2');
    call.resolve('done');
    await expect(answer).resolves.toBe('done');
    expect(running.value).toBeNull();
  });

  it('forgets the row when its call fails, and passes the failure on', async () => {
    const { running, runAs } = useRunningAction<string>();
    const call = deferred<never>();
    const answer = runAs('cancel:news', () => call.promise);
    call.reject(new Error('socket closed'));
    await expect(answer).rejects.toThrow('socket closed');
    expect(running.value).toBeNull();
  });

  it('an earlier call answering late does not clear the row of a later one', async () => {
    const { running, runAs } = useRunningAction<string>();
    const first = deferred<void>();
    const second = deferred<void>();
    const a = runAs('pause', () => first.promise);
    const b = runAs('remove', () => second.promise);
    first.resolve();
    await a;
    expect(running.value).toBe('remove');
    second.resolve();
    await b;
    expect(running.value).toBeNull();
  });
});
