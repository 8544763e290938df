// npm run bench:guessing — 30 days of the fastest SMS-code guessing the limits allow against one number: the attacker
// asks for a code whenever the limits let it, spends every try on it, and waits exactly as long as it is told to.
// Prints how many guesses were checked and the chance that one of them was right (each code is fresh and random).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCabinet } from '../../electron/cabinet';
import { CODE_RULES } from '../../electron/core/auth/oneTimeCodes';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

const DAYS = 30;
const DAY = 24 * 60 * 60_000;

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-guessing-'));
  const clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
  const cabinet = await openCabinet({
    dataDir: folder,
    keyProvider: new StaticKeyProvider(Buffer.alloc(32, 7)),
    settings: new MemorySettingsStore(),
    trustedOrigins: ['app://cabinet'],
    // The virtual handset reads the codes the bench guesses at: demo mode.
    demo: true,
    clock,
    ids: new SequentialIds(),
    passwordCost: { N: 1024, r: 8, p: 1 },
    sweepIntervalMs: 0,
    autopayIntervalMs: 0,
  });
  try {
    const phone = bundledOperatorData().demoSubscribers[0]!.lines[0]!.msisdn;
    const attacker = { senderId: 'attacker', origin: 'app://cabinet', device: 'attacker' };
    const end = clock.now() + DAYS * DAY;
    let checked = 0;
    let codes = 0;
    while (clock.now() < end) {
      const asked = await cabinet.dispatcher.dispatch(attacker, 'auth.requestCode', { phone, purpose: 'sign-in' });
      if (!asked.ok) {
        const wait = Number((asked.error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 60);
        clock.advance(wait * 1000);
        continue;
      }
      codes += 1;
      // Wrong guesses only (the bench must not sign in): each checked one had a 1 in 10^digits chance.
      const real = /\b(\d{4,6})\b/.exec(cabinet.handset!.inbox(phone as never)[0]?.text ?? '')?.[1] ?? '';
      for (let guess = 0; ; guess += 1) {
        const candidate = String(guess).padStart(real.length || CODE_RULES.digits, '0');
        if (candidate === real) continue;
        const answer = await cabinet.dispatcher.dispatch(attacker, 'auth.signInWithCode', { phone, purpose: 'sign-in', code: candidate });
        if (answer.ok) throw new Error('the bench signed in: it must only guess wrong codes');
        const triesLeft = (answer.error.details as { triesLeft?: number } | undefined)?.triesLeft;
        if (answer.error.code !== 'OTP_INVALID' || triesLeft === undefined) break;
        checked += 1;
        if (triesLeft === 0) break;
      }
    }
    const space = 10 ** CODE_RULES.digits;
    const percent = 100 * (1 - (1 - 1 / space) ** checked);
    console.log(`codes_sent_30d=${codes}`);
    console.log(`guesses_checked_30d=${checked}`);
    console.log(`code_digits=${CODE_RULES.digits}`);
    console.log(`guess_30d_percent=${percent.toFixed(3)}`);
    console.log(`goal_guess_30d_percent<=0.1 ${percent <= 0.1 ? 'met' : 'NOT met'}`);
  } finally {
    await cabinet.close();
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
