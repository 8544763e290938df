import { openCabinet, type Cabinet, type CabinetOptions } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds, type IdGenerator } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { CallContext } from '../../electron/ipc/dispatcher';
import { onPostgres, sharedStoreFor } from './testStore';

export { tempDir } from './tempDir';

export const TEST_ORIGIN = 'app://cabinet';
export const testKey = Buffer.alloc(32, 7);
/** A cheap scrypt cost: the tests check the rules, not the hash's slowness. */
export const testPasswordCost = { N: 1024, r: 8, p: 1 };

export const operatorData = bundledOperatorData();
const first = operatorData.demoSubscribers[0]!;
/** The first demo subscriber: registered, with a password. */
export const demo = { ...first, password: first.password! };
export const demoLine = demo.lines[0]!;

export interface TestCabinet extends Cabinet {
  clock: ManualClock;
  dataDir: string;
  window(id?: string): CallContext;
}

function countingIds(): IdGenerator & { used: number } {
  const inner = new SequentialIds();
  const counted = { used: 0, next: (prefix: string) => ((counted.used += 1), inner.next(prefix)) };
  return counted;
}

export async function openTestCabinet(dataDir: string, overrides: Partial<CabinetOptions> = {}): Promise<TestCabinet> {
  const clock = (overrides.clock as ManualClock | undefined) ?? new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
  const base = (ids: IdGenerator): CabinetOptions => ({
    dataDir,
    keyProvider: new StaticKeyProvider(testKey),
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    // The suites sign in by SMS codes and pay with the test cards: the test doubles, said explicitly.
    demo: true,
    clock,
    ids,
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  // In the `postgres` project the same suites run on the shared store, one database per test folder. A new
  // database copies a template that a first start migrated and seeded with the same data at the same time;
  // the ids that seeding took are skipped, so the test goes on exactly as after its own first start.
  const templated = !overrides.ids && !overrides.keyProvider && !overrides.passwordCost;
  const data = overrides.operatorData ?? operatorData;
  const shared =
    onPostgres && !overrides.sharedStore
      ? await sharedStoreFor(
          dataDir,
          templated
            ? {
                key: `${clock.now()} ${JSON.stringify(data)}`,
                seed: async (url) => {
                  const counted = countingIds();
                  await (await openCabinet({ ...base(counted), operatorData: data, sharedStore: { url, poolSize: 2 } })).close();
                  return counted.used;
                },
              }
            : undefined,
        )
      : null;
  const ids = new SequentialIds();
  for (let skipped = 0; skipped < (shared?.idsUsed ?? 0); skipped += 1) ids.next('seeded');
  const cabinet = await openCabinet({
    ...base(ids),
    ...(shared ? { sharedStore: shared.connection } : {}),
    ...overrides,
  });
  const close = async () => {
    await cabinet.close();
    shared?.closed();
  };
  return { ...cabinet, close, clock, dataDir, window: (id = 'window-1') => ({ senderId: id, origin: TEST_ORIGIN, device: 'test device' }) };
}
