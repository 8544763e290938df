// npm run bench:guessing — 30 days of the fastest SMS-code guessing the limits allow, from one device: first against
// one number, then against 1,000 numbers at once. The attacker asks for a code whenever the limits let it, spends
// every try on it, and waits exactly as long as it is told to. Prints how many guesses were checked and the chance
// that one of them was right (each code is fresh and random). The code length is the bundled operator data's
// (codes.json); BENCH_CODE_DIGITS=4 or 6 overrides it, BENCH_NUMBERS the size of the second run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openCabinet } from '../../electron/cabinet';
import { ManualClock } from '../../electron/core/clock';
import { SequentialIds } from '../../electron/core/ids';
import { MemorySettingsStore } from '../../electron/settings/settingsStore';
import { StaticKeyProvider } from '../../electron/store/keyProvider';
import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { OperatorData } from '../../electron/store/seed/operatorData';

const DAYS = 30;
const DAY = 24 * 60 * 60_000;
const bundled = bundledOperatorData();
const digits = (process.env.BENCH_CODE_DIGITS === '6' ? 6 : process.env.BENCH_CODE_DIGITS === '4' ? 4 : bundled.codes.digits) as 4 | 6;
const manyNumbers = Number(process.env.BENCH_NUMBERS ?? 1000);

/** The operator data with `count` subscribers, one number each (the first is the bundled demo subscriber's). */
function dataWith(count: number): { data: OperatorData; phones: string[] } {
  const first = bundled.demoSubscribers[0]!;
  const line = first.lines[0]!;
  const extra = Array.from({ length: count - 1 }, (_, i) => ({
    ...first,
    id: `bench-${i}`,
    lines: [{ ...line, msisdn: `+7900555${String(i).padStart(4, '0')}`, usage: [] }],
    socialIdentities: [],
  }));
  const demoSubscribers = [first, ...extra];
  return { data: { ...bundled, codes: { ...bundled.codes, digits }, demoSubscribers }, phones: demoSubscribers.map((s) => s.lines[0]!.msisdn) };
}

async function simulate(count: number): Promise<{ codes: number; checked: number }> {
  const folder = await mkdtemp(join(tmpdir(), 'cabinet-bench-guessing-'));
  const clock = new ManualClock(Date.parse('2026-11-24T09:00:00Z'));
  const { data, phones } = dataWith(count);
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
    operatorData: data,
  });
  try {
    // One device, one window: every number is attacked from it.
    const attacker = { senderId: 'attacker', origin: 'app://cabinet', device: 'attacker' };
    const end = clock.now() + DAYS * DAY;
    const nextAt = phones.map(() => clock.now());
    let checked = 0;
    let codes = 0;
    for (;;) {
      let i = 0;
      for (let j = 1; j < nextAt.length; j += 1) if (nextAt[j]! < nextAt[i]!) i = j;
      // The clock may have run past a number's turn while the device waited: the run ends at `end` whatever the turns say.
      if (Math.max(nextAt[i]!, clock.now()) >= end) break;
      if (nextAt[i]! > clock.now()) clock.advance(nextAt[i]! - clock.now());
      const phone = phones[i]!;
      const asked = await cabinet.dispatcher.dispatch(attacker, 'auth.requestCode', { phone, purpose: 'sign-in' });
      if (!asked.ok) {
        const refusal = asked.error.details as { retryAfterSeconds?: number; limit?: string } | undefined;
        const until = clock.now() + Number(refusal?.retryAfterSeconds ?? 60) * 1000;
        // The device's own limit holds every number back: the attacker waits it out instead of asking for each.
        if (refusal?.limit?.startsWith('device')) for (let j = 0; j < nextAt.length; j += 1) nextAt[j] = Math.max(nextAt[j]!, until);
        else nextAt[i] = until;
        continue;
      }
      codes += 1;
      // Wrong guesses only (the bench must not sign in): each checked one had a 1 in 10^digits chance.
      const real = /: (\d+)\./.exec(cabinet.handset!.inbox(phone as never)[0]?.text ?? '')?.[1] ?? '';
      for (let guess = 0; ; guess += 1) {
        const candidate = String(guess).padStart(digits, '0');
        if (candidate === real) continue;
        const answer = await cabinet.dispatcher.dispatch(attacker, 'auth.signInWithCode', { phone, purpose: 'sign-in', code: candidate });
        if (answer.ok) throw new Error('the bench signed in: it must only guess wrong codes');
        const refusal = answer.error.details as { triesLeft?: number; retryAfterSeconds?: number; limit?: string } | undefined;
        if (answer.error.code === 'RATE_LIMITED' && refusal?.limit?.startsWith('device')) {
          // The device may try no more for now: it waits, then goes on with the same code while it lives.
          clock.advance(Number(refusal.retryAfterSeconds ?? 60) * 1000);
          guess -= 1;
          continue;
        }
        const triesLeft = refusal?.triesLeft;
        if (answer.error.code !== 'OTP_INVALID' || triesLeft === undefined) break;
        checked += 1;
        if (triesLeft === 0) break;
      }
      nextAt[i] = clock.now();
    }
    return { codes, checked };
  } finally {
    await cabinet.close();
    await rm(folder, { recursive: true, force: true });
  }
}

const chance = (checked: number) => 100 * (1 - (1 - 1 / 10 ** digits) ** checked);

const one = await simulate(1);
console.log(`code_digits=${digits}`);
console.log(`codes_sent_30d=${one.codes}`);
console.log(`guesses_checked_30d=${one.checked}`);
console.log(`guess_30d_percent=${chance(one.checked).toFixed(3)}`);
console.log(`goal_guess_30d_percent<=0.1 ${chance(one.checked) <= 0.1 ? 'met' : 'NOT met'}`);
const many = await simulate(manyNumbers);
console.log(`numbers_from_one_device=${manyNumbers}`);
console.log(`codes_sent_30d_all_numbers=${many.codes}`);
console.log(`guesses_checked_30d_all_numbers=${many.checked}`);
// The chance that at least one of the numbers was taken.
console.log(`guess_30d_percent_any_of_${manyNumbers}=${chance(many.checked).toFixed(3)}`);
