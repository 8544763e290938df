// One buyer of the lot race (tests/postgres/lotRace.test.ts): a kiosk process on the shared database trying to buy
// every lot given, in order, at the same moment as the other buyer's process.
// Usage: tsx tests/postgres/lotRaceWorker.ts <database url> <msisdn> <password> <start at, ms since epoch> <lot id>...
import { randomUUID } from 'node:crypto';
import { openCabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { randomIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';

const [url, msisdn, password, startAt, ...lots] = process.argv.slice(2);
if (!url || !msisdn || !password || !startAt) throw new Error('usage: lotRaceWorker.ts <database url> <msisdn> <password> <start at> <lot id>...');

const cabinet = await openCabinet({
  dataDir: '/nonexistent/unused-with-a-shared-store',
  keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
  sharedStore: { url, poolSize: 4 },
  settings: new MemorySettingsStore(),
  trustedOrigins: ['app://cabinet'],
  demo: true,
  clock: new ManualClock(Date.parse('2026-11-24T09:00:00Z')),
  ids: randomIds,
  passwordCost: { N: 1024, r: 8, p: 1 },
  sessionPolicy: { idleMs: 1e12, absoluteMs: 1e12 },
  sweepIntervalMs: 0,
  autopayIntervalMs: 0,
});
const window = { senderId: `window-${msisdn}`, origin: 'app://cabinet', device: `lot race ${process.pid}` };
const outcome = { bought: [] as string[], refused: {} as Record<string, number> };
try {
  const signedIn = await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: msisdn, password });
  if (!signedIn.ok) throw new Error(`sign-in of ${msisdn}: ${signedIn.error.message}`);
  // Both processes start buying at the same moment.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
  for (const lotId of lots) {
    const result = await cabinet.dispatcher.dispatch(window, 'remainders.buyLot', { lotId, idempotencyKey: randomUUID() });
    if (result.ok) outcome.bought.push(lotId);
    else outcome.refused[result.error.code] = (outcome.refused[result.error.code] ?? 0) + 1;
  }
} finally {
  await cabinet.close();
}
console.log(JSON.stringify(outcome));
