import type { Remainder } from '../../../shared/contract/account';
import { formatPackageAmount } from './amounts';

type Translate = (key: string, named: Record<string, unknown>) => string;

/** A remainder as one sentence for the classic view: "Минуты: осталось 312 мин из 500 мин". */
export function remainderSentence(remainder: Remainder, t: Translate, locale: string): string {
  const amount = (value: number) => formatPackageAmount(remainder.unit, value, t, locale);
  const sentence = t('classic.home.remainder', { kind: t(`remainder.${remainder.kind}`, {}), left: amount(remainder.left), total: amount(remainder.total) });
  return remainder.rolledOver > 0 ? `${sentence} ${t('classic.home.rolledOver', { amount: amount(remainder.rolledOver) })}` : sentence;
}
