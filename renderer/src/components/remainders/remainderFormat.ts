import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { MovableKind } from '../../../../shared/contract/remainders';
import { dateTimeFormat } from '../../../../shared/intlFormats';
import { formatRubles } from '../../../../shared/money';
import { formatPackageAmount } from '../../format/amounts';

/** Minutes, megabytes (shown in GB from 1 GB up), rubles and dates in the window's language. */
export function useRemainderFormat() {
  const { t, locale } = useI18n();
  const language = computed(() => (locale.value === 'en' ? 'en' : 'ru'));
  const amount = (kind: MovableKind, value: number) => formatPackageAmount(kind === 'voice' ? 'min' : 'mb', value, (key, named) => t(key, named), language.value);
  return {
    t,
    minutes: (value: number) => amount('voice', value),
    megabytes: (value: number) => amount('data', value),
    amount,
    /** A lot's amount: minutes, or whole gigabytes. */
    lotAmount: (kind: MovableKind, value: number) => amount(kind, kind === 'data' ? value * 1024 : value),
    rub: (kopecks: number) => formatRubles(kopecks, language.value),
    /** A day of the region's calendar, "YYYY-MM-DD", as words. */
    day: (localDate: string) => dateTimeFormat(language.value === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${localDate}T00:00:00Z`)),
    date: (iso: string) => dateTimeFormat(language.value === 'en' ? 'en-GB' : 'ru-RU', { day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
  };
}
