import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

/** The demo subscribers as the operator data files define them: tests read the same files the store is seeded from. */
export const operatorData = bundledOperatorData();

/** A registered demo subscriber (one with a password) by its place in demo-subscribers.json. */
export function demoSubscriber(index = 0) {
  const found = operatorData.demoSubscribers[index]!;
  if (found.password === null) throw new Error(`demo subscriber ${found.id} has not registered: it has no password`);
  const subscriber = { ...found, password: found.password };
  const line = subscriber.lines[0]!;
  const tariff = operatorData.tariffs.find((candidate) => candidate.id === line.tariffId)!;
  return { subscriber, line, tariff, region: operatorData.regions.find((region) => region.id === subscriber.regionId)! };
}

/** "+79001234567" → "9001234567", the way a person types it after the +7 of the mask. */
export const typedDigits = (msisdn: string) => msisdn.slice(2);

/** A demo subscriber by id, whatever its state (not registered, blocked line). */
export function demoById(id: string) {
  const subscriber = operatorData.demoSubscribers.find((candidate) => candidate.id === id)!;
  const line = subscriber.lines[0]!;
  return { subscriber, line, tariff: operatorData.tariffs.find((candidate) => candidate.id === line.tariffId)! };
}
