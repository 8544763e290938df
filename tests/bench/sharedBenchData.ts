import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';
import type { OperatorData } from '../../electron/store/seed/operatorData';

export const BENCH_KEY = Buffer.alloc(32, 11);
/** Sign-in checks the password with scrypt; a cheap cost keeps the figures about the store, not about scrypt. */
export const BENCH_PASSWORD_COST = { N: 1024, r: 8, p: 1 };
const SUBSCRIBERS = 16;

export function benchSubscriber(index: number): { msisdn: string; password: string } {
  return { msisdn: `+7951${String(index % SUBSCRIBERS).padStart(7, '0')}`, password: `Bench-Kiosk-${index % SUBSCRIBERS}` };
}

/** The bundled operator data plus 16 subscribers with passwords, one per benchmark worker. */
export function benchOperatorData(): OperatorData {
  const data = bundledOperatorData();
  const region = data.regions[0]!.id;
  const tariff = data.tariffs.find((candidate) => candidate.monthlyFee[region] !== undefined && !candidate.archived)!;
  for (let i = 0; i < SUBSCRIBERS; i += 1) {
    const { msisdn, password } = benchSubscriber(i);
    data.demoSubscribers.push({
      id: `bench-kiosk-${i}`,
      name: `Абонент ${i}`,
      regionId: region,
      password,
      socialIdentities: [],
      lines: [{ msisdn, tariffId: tariff.id, billingDay: 1 + (i % 28), activatedDaysAgo: 365, openingBalanceKopecks: 100_000, puk: '12345678', status: 'active', services: [], usage: [{ kind: 'voice', periodDay: 1, quantity: 120 }] }],
    });
  }
  return data;
}
