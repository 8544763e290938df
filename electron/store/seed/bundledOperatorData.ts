import regions from '../../data/operator/regions.json' with { type: 'json' };
import tariffs from '../../data/operator/tariffs.json' with { type: 'json' };
import services from '../../data/operator/services.json' with { type: 'json' };
import demoSubscribers from '../../data/operator/demo-subscribers.json' with { type: 'json' };
import payments from '../../data/operator/payments.json' with { type: 'json' };
import codes from '../../data/operator/codes.json' with { type: 'json' };
import remainders from '../../data/operator/remainders.json' with { type: 'json' };
import { OperatorData } from './operatorData';

const fileOf: Record<string, string> = {
  regions: 'regions.json',
  tariffs: 'tariffs.json',
  services: 'services.json',
  demoSubscribers: 'demo-subscribers.json',
  payments: 'payments.json',
  codes: 'codes.json',
  remainders: 'remainders.json',
};

/** Checks operator data; a mistake names the file and the field. */
export function parseOperatorData(raw: unknown): OperatorData {
  const parsed = OperatorData.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const [key, ...path] = issue.path;
      return `${fileOf[String(key)] ?? String(key)}: ${path.join('.')}: ${issue.message}`;
    });
    throw new Error(`operator data is invalid:\n  ${issues.join('\n  ')}`);
  }
  const { dayRegion } = parsed.data.codes.signInLimits;
  if (!parsed.data.regions.some((region) => region.id === dayRegion)) {
    throw new Error(`operator data is invalid:\n  codes.json: signInLimits.dayRegion: expected the id of a region in regions.json, not "${dayRegion}"`);
  }
  return parsed.data;
}

/** The operator data files in electron/data/operator, bundled into the app at build time. */
export function bundledOperatorData(): OperatorData {
  return parseOperatorData({ regions, tariffs, services, demoSubscribers, payments, codes, remainders });
}
