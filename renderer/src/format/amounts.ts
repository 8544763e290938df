import type { PackageUnit } from '../../../shared/contract/account';
import { numberFormat } from '../../../shared/intlFormats';

type Translate = (key: string, named: Record<string, unknown>) => string;

/** "312 мин", "45 SMS", "850 МБ", "8,8 ГБ": data is counted in megabytes and shown in GB from 1 GB up. */
export function formatPackageAmount(unit: PackageUnit, amount: number, t: Translate, locale: string): string {
  const number = (value: number, digits = 0) =>
    numberFormat(locale === 'en' ? 'en-US' : 'ru-RU', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  if (unit === 'mb') {
    return amount >= 1024 ? t('units.gb', { n: number(amount / 1024, 1) }) : t('units.mb', { n: number(amount) });
  }
  return t(`units.${unit}`, { n: number(amount) });
}
