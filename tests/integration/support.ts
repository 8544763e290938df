import { openCabinet, type Cabinet, type CabinetOptions } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { CallContext } from '../../electron/ipc/dispatcher';

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

export async function openTestCabinet(dataDir: string, overrides: Partial<CabinetOptions> = {}): Promise<TestCabinet> {
  const clock = (overrides.clock as ManualClock | undefined) ?? new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
  const cabinet = await openCabinet({
    dataDir,
    keyProvider: new StaticKeyProvider(testKey),
    settings: new MemorySettingsStore(),
    trustedOrigins: [TEST_ORIGIN],
    clock,
    ids: new SequentialIds(),
    passwordCost: testPasswordCost,
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
    ...overrides,
  });
  return { ...cabinet, clock, dataDir, window: (id = 'window-1') => ({ senderId: id, origin: TEST_ORIGIN, device: 'test device' }) };
}
