// Run as a child process by mailNotices.test.ts: a cabinet whose SMTP server never answers tops up a line, and is
// killed (SIGKILL) while its sender is handing the receipt over. Arguments: the store (a folder, or a postgres:// URL)
// and the port of the silent mail server.
import { randomUUID } from 'node:crypto';
import { openCabinet } from '../../electron/cabinet';
import { randomIds } from '../../electron/core/ids';
import { TestAcquirer } from '../../electron/network/testAcquirer';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

const [store, port] = process.argv.slice(2) as [string, string];
const anna = bundledOperatorData().demoSubscribers.find((s) => s.id === 'anna-petrova')!;
const postgres = store.startsWith('postgres');
const cabinet = await openCabinet({
  dataDir: postgres ? '/nonexistent' : store,
  ...(postgres ? { sharedStore: { url: store, poolSize: 2 } } : {}),
  keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
  settings: new MemorySettingsStore(),
  trustedOrigins: ['app://cabinet'],
  demo: false,
  acquirer: new TestAcquirer(),
  ids: randomIds,
  passwordCost: { N: 1024, r: 8, p: 1 },
  sweepIntervalMs: 0,
  autopayIntervalMs: 0,
  smtp: { host: '127.0.0.1', port: Number(port), tls: 'none', from: 'cabinet@example.ru' },
  mailIntervalMs: 20,
});
const window = { senderId: 'w', origin: 'app://cabinet', device: 'crash test' };
const signedIn = await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: anna.lines[0]!.msisdn, password: anna.password });
if (!signedIn.ok) throw new Error(JSON.stringify(signedIn));
// The address as if confirmed (the confirmation letter would need the silent server too).
await cabinet.database.write(async (repos) => {
  const profile = await repos.profiles.get(anna.id, new Date().toISOString());
  await repos.profiles.save({ ...profile, email: 'anna.petrova@example.ru', emailConfirmedAt: new Date().toISOString() });
});
const paid = await cabinet.dispatcher.dispatch(window, 'payments.topUpByCard', {
  amountKopecks: 77_700,
  card: { number: '4111 1111 1111 1111', expiry: '12/30', cvc: '123' },
  remember: false,
  idempotencyKey: randomUUID(),
});
if (!paid.ok) throw new Error(JSON.stringify(paid));
console.log(`paid ${(paid.value as { id: string }).id}`);
// Waits for the kill, its sender stuck on the silent server.
setInterval(() => {}, 60_000);
