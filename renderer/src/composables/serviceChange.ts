import { computed, ref } from 'vue';
import { useI18n } from 'vue-i18n';
import type { ServiceCard } from '../../../shared/contract/account';
import { formatRubles } from '../../../shared/money';
import { formatPackageAmount } from '../format/amounts';
import { errorText } from '../format/errors';
import { useServicesStore } from '../stores/services';

/**
 * Connecting or disconnecting a service after a confirmation, and the words about a service, for the new and the
 * classic services pages alike: one idempotency key per confirmation, so a double click or a retry changes it once.
 */
export function useServiceChange() {
  const { t, locale } = useI18n();
  const services = useServicesStore();
  const language = computed(() => (locale.value === 'en' ? 'en' : 'ru'));
  const pending = ref<{ action: 'connect' | 'disconnect'; card: ServiceCard; key: string } | null>(null);
  const problem = ref<string | null>(null);
  const announcement = ref('');

  const fee = (card: ServiceCard) =>
    card.monthlyFeeKopecks === 0 ? t('services.free') : t('services.perMonth', { amount: formatRubles(card.monthlyFeeKopecks, language.value) });
  const adds = (card: ServiceCard) =>
    (['voice', 'data', 'sms'] as const)
      .filter((kind) => card.adds[kind] !== undefined)
      .map((kind) => formatPackageAmount(kind === 'voice' ? 'min' : kind === 'data' ? 'mb' : 'sms', card.adds[kind]!, t, locale.value))
      .join(', ');
  const blockedText = (card: ServiceCard) =>
    card.blockedBy.map((block) => t(block.kind === 'tariff' ? 'services.blockedTariff' : 'services.blockedService', { name: block.name[language.value] })).join('. ');

  function ask(action: 'connect' | 'disconnect', card: ServiceCard): void {
    problem.value = null;
    pending.value = { action, card, key: crypto.randomUUID() };
  }

  async function confirm(): Promise<void> {
    if (!pending.value) return;
    const { action, card, key } = pending.value;
    const error = await services.change(action, card.id, key);
    if (error) {
      problem.value = errorText(error, t);
      return;
    }
    pending.value = null;
    announcement.value = t(action === 'connect' ? 'services.connectedDone' : 'services.disconnectedDone', { name: card.name[language.value] });
  }

  return { services, language, pending, problem, announcement, fee, adds, blockedText, ask, confirm };
}
