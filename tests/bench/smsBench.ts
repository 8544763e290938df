// npm run bench:sms — SMS per second through Kannel on this machine: the app's SMPP adapter binds to opensmppbox,
// bearerbox routes to fakesmsc, and a message counts once fakesmsc has printed it (it reached the "phone").
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { SmppNetwork } from '../../electron/network/smpp/smppNetwork';
import { SequentialIds } from '../../electron/core/ids';
import { systemClock } from '../../electron/core/clock';
import { silentLogger } from '../../electron/core/logger';
import type { E164 } from '../../shared/phone';
import { KannelNetwork, kannelMissing, SHORT_CODE, SMPP_LOGIN } from '../sms/kannelNetwork';

const MESSAGES = Number(process.env.SMS_BENCH_MESSAGES ?? 500);
/** The SMPP window: opensmppbox reads what has arrived, then sleeps a second when its socket is empty, so it bounds the rate. */
const WINDOW = Number(process.env.SMS_BENCH_WINDOW ?? 50);

async function main(): Promise<void> {
  const missing = kannelMissing();
  if (missing) {
    console.log(`sms benchmark skipped: ${missing}`);
    return;
  }
  console.log(`sms benchmark — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, ${new Date().toISOString()}`);
  const network = await KannelNetwork.start();
  const centre = new SmppNetwork({ host: '127.0.0.1', port: network.smppPort, ...SMPP_LOGIN, sourceAddress: SHORT_CODE, enquireLinkSeconds: 30, window: WINDOW }, systemClock, new SequentialIds(), silentLogger, {
    sendTimeoutMs: 120_000,
  });
  try {
    centre.start();
    await network.until(() => centre.status().state === 'bound', 15_000, 'the bind');
    // Warm-up: the first message opens the route through every box.
    await centre.send('+79160000000' as E164, 'Код для входа: 000000');
    await network.messagesTo('+79160000000', 1);
    const from = network.received.length;
    const started = performance.now();
    let accepted = 0;
    await Promise.all(
      Array.from({ length: MESSAGES }, async (_unused, index) => {
        await centre.send(`+7916${String(1_000_000 + index).slice(1)}` as E164, `Код для входа: ${String(100_000 + index)}`);
        accepted += 1;
      }),
    );
    const acceptedMs = performance.now() - started;
    await network.until(() => network.received.length - from >= MESSAGES, 120_000, `${MESSAGES} messages at fakesmsc`);
    const deliveredMs = performance.now() - started;
    console.log(`messages=${MESSAGES} (one UCS-2 part each) window=${WINDOW}`);
    console.log(`accepted_by_smsc_ms=${acceptedMs.toFixed(0)} accepted=${accepted}`);
    console.log(`at_phones_ms=${deliveredMs.toFixed(0)}`);
    console.log(`sms_per_s=${((MESSAGES * 1000) / deliveredMs).toFixed(1)}`);
  } finally {
    await centre.stop();
    await network.stop();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
