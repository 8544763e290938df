import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { periodCost } from '../../electron/core/tariffs/tariffAdvisor';
import { openTestCabinet, operatorData, tempDir, type TestCabinet } from './support';

// Марина Ительменова, Kamchatka, on «Премиум»: about 130 minutes and 21 GB a month — far less than she pays for.
const marina = operatorData.demoSubscribers.find((subscriber) => subscriber.id === 'marina-itelmen')!;
const line = marina.lines[0]!;

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

const card = (id: string, region: string) => {
  const tariff = operatorData.tariffs.find((candidate) => candidate.id === id)!;
  return { id, name: tariff.name, description: tariff.description, monthlyFeeKopecks: tariff.monthlyFee[region]!, packages: tariff.packages, rollover: tariff.rollover, unlimited: tariff.unlimited, archived: tariff.archived };
};

describe('what a period of usage costs on a tariff', () => {
  it('is the fee when the packages cover it, and the fee plus overage when they do not', () => {
    const start = card('start', 'moscow');
    const rates = operatorData.tariffs.find((t) => t.id === 'start')!.overage;
    expect(periodCost(start, rates, [{ kind: 'voice', quantity: 299 * 60 }])).toBe(start.monthlyFeeKopecks);
    // 300 minutes in the package; a 302-minute month pays 2 minutes on top.
    expect(periodCost(start, rates, [{ kind: 'voice', quantity: 299 * 60 }, { kind: 'voice', quantity: 3 * 60 }])).toBe(start.monthlyFeeKopecks + 2 * rates.voicePerMinute);
  });
});

describe('the tariff advisor', () => {
  it('names the cheapest tariff for the line’s real usage and the yearly saving', async () => {
    const window = cabinet.window();
    await cabinet.dispatcher.dispatch(window, 'auth.signInWithPassword', { phone: line.msisdn, password: marina.password });
    const result = await cabinet.dispatcher.dispatch(window, 'tariffs.advice', {});
    if (!result.ok) throw new Error(result.error.message);
    const advice = result.value as { periods: unknown[]; options: Array<{ tariff: { id: string }; totalKopecks: number; current: boolean }>; cheapestId: string; yearlySavingKopecks: number };
    expect(advice.periods).toHaveLength(3);
    expect(advice.cheapestId).toBe('moy-onlayn');
    const current = advice.options.find((option) => option.current)!;
    const cheapest = advice.options[0]!;
    expect(current.tariff.id).toBe('premium');
    expect(advice.options.map((option) => option.totalKopecks)).toEqual([...advice.options.map((option) => option.totalKopecks)].sort((a, b) => a - b));
    expect(advice.yearlySavingKopecks).toBe(Math.round(((current.totalKopecks - cheapest.totalKopecks) / 3) * 12));
    expect(advice.options.map((option) => option.tariff.id)).not.toContain('klassicheskiy');
  });
});
