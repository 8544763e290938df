import { bundledOperatorData } from '../../electron/store/seed/bundledOperatorData';

/** The demo subscribers as the operator data files define them: tests read the same files the store is seeded from. */
export const operatorData = bundledOperatorData();

export function demoSubscriber(index = 0) {
  const subscriber = operatorData.demoSubscribers[index]!;
  const line = subscriber.lines[0]!;
  const tariff = operatorData.tariffs.find((candidate) => candidate.id === line.tariffId)!;
  return { subscriber, line, tariff, region: operatorData.regions.find((region) => region.id === subscriber.regionId)! };
}

/** "+79001234567" → "9001234567", the way a person types it after the +7 of the mask. */
export const typedDigits = (msisdn: string) => msisdn.slice(2);
