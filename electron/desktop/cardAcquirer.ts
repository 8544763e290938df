import type { BrowserWindow } from 'electron';
import type { Logger } from '../core/logger';
import type { Acquirer, BankPageHost } from '../core/money/ports';
import { YooKassaAcquirer } from '../network/yookassa/yookassaAcquirer';
import { CardAcquirerSettingsError, type CardAcquirerSettings } from '../settings/cardAcquirerSettings';
import { BankPageWindows } from './bankPageWindow';

/**
 * The shop's card acquirer from settings.json's `cardAcquirer`, with the window its bank's 3-D Secure page opens
 * in; null when none is set up or the entry is wrong (logged by field, never by value: card payments stay off).
 */
export function cardAcquirerFromSettings(
  read: () => CardAcquirerSettings | null,
  logger: Logger,
  parent: () => BrowserWindow | null,
  language: () => 'ru' | 'en',
): { acquirer: Acquirer; bankPages: BankPageHost } | null {
  let settings: CardAcquirerSettings | null;
  try {
    settings = read();
  } catch (error) {
    const fields = error instanceof CardAcquirerSettingsError ? error.fields.join(', ') : 'cardAcquirer';
    logger.error('card payments stay off: the cardAcquirer setting is not right', { fields, problem: error instanceof Error ? error.message : 'unreadable' });
    return null;
  }
  if (!settings) return null;
  const { provider: _yookassa, confirmationHosts, ...connection } = settings;
  logger.info('card payments go to the acquirer', { provider: 'yookassa', apiUrl: settings.apiUrl, shopId: settings.shopId });
  return {
    acquirer: new YooKassaAcquirer({ ...connection, backoffMs: 500, logger }),
    bankPages: new BankPageWindows(parent, () => confirmationHosts, () => (language() === 'en' ? 'Confirm the payment with your bank' : 'Подтверждение оплаты в банке')),
  };
}
