import type { Language } from '../../../../shared/contract/settings';

/**
 * The words of «Состояние подключений» (the diagnostics list and the connection settings): loaded with the screen,
 * not with the first one, and merged into the app's messages for both languages (addMessages).
 */
const ru = {
  adapterSettings: {
    title: 'Настройки подключений',
    lead: 'Адреса и учётные данные оператора. Пароли и ключи хранятся зашифрованными ключом системы и больше не показываются. Изменения вступают в силу при следующем запуске.',
    noKeyring: 'На этом компьютере нет хранилища ключей системы: пароли и ключи сохранить нельзя',
    restart: 'Настройки сохранены. Перезапустите приложение, чтобы они вступили в силу',
    complete: 'заполнено',
    incomplete: 'не заполнено',
    optional: '(необязательно)',
    secretSet: 'Задан. Оставьте поле пустым, чтобы не менять',
    secretUnset: 'Не задан',
    save: 'Сохранить: {name}',
    saving: 'Сохраняем…',
    saved: 'Сохранено',
    field: {
      sms: { host: 'Адрес SMS-центра (SMPP)', port: 'Порт', systemId: 'System ID', password: 'Пароль SMPP', sourceAddress: 'Отправитель' },
      mail: { host: 'Адрес почтового сервера (SMTP)', port: 'Порт', user: 'Пользователь', password: 'Пароль', from: 'Адрес отправителя', tls: 'Шифрование (starttls, implicit или none)' },
      cardPayments: { shopId: 'Идентификатор магазина ЮKassa', secretKey: 'Секретный ключ', apiUrl: 'Адрес API (https://), если не стандартный' },
    },
  },
  diagnostics: {
    title: 'Состояние подключений',
    lead: 'С чем работает приложение на этом компьютере: база данных, SMS, почта, оплата. Для того, кто его настраивает.',
    adapters: 'Подключения',
    refresh: 'Проверить снова',
    checking: 'Проверяем…',
    checkedAt: 'Проверено {at}',
    embedded: 'на этом компьютере',
    backToSignIn: 'Ко входу',
    backToCabinet: 'В кабинет',
    column: { adapter: 'Подключение', mode: 'Режим', state: 'Состояние', queue: 'Очередь', lastError: 'Последняя ошибка' },
    adapter: {
      store: 'База данных',
      chainNotices: 'Уведомления сети салонов',
      sms: 'SMS-центр',
      confirmations: 'Подтверждения на телефоне',
      mail: 'Почта',
      cardPayments: 'Оплата картой',
      wallets: 'Электронные кошельки',
      supportDesk: 'Служба поддержки',
    },
    mode: { live: 'Рабочий', demo: 'Демо', 'not-configured': 'Не настроено' },
    state: { ready: 'Готово', connected: 'Подключено', connecting: 'Подключается', down: 'Нет связи', 'not-configured': 'Не настроено' },
    social: {
      title: 'Вход через соцсети',
      lead: 'Абонентам показываются только настроенные способы.',
      configured: 'настроен',
      notConfigured: 'не настроен',
    },
    testCards: { title: 'Тестовые карты', lead: 'Оплата картой в тестовом режиме: настоящие деньги не списываются. Срок — любой будущий, CVC — любые 3 цифры. Абонентам этот список не показывается.' },
  },
};

type DiagnosticsMessages = typeof ru;

const en: DiagnosticsMessages = {
  adapterSettings: {
    title: 'Connection settings',
    lead: 'The operator’s addresses and credentials. Passwords and keys are kept sealed by the system’s keyring and never shown again. Changes apply at the next start.',
    noKeyring: 'This computer has no system keyring: passwords and keys cannot be kept',
    restart: 'Settings saved. Restart the app for them to apply',
    complete: 'complete',
    incomplete: 'incomplete',
    optional: '(optional)',
    secretSet: 'Set. Leave empty to keep it',
    secretUnset: 'Not set',
    save: 'Save: {name}',
    saving: 'Saving…',
    saved: 'Saved',
    field: {
      sms: { host: 'SMS centre address (SMPP)', port: 'Port', systemId: 'System ID', password: 'SMPP password', sourceAddress: 'Sender' },
      mail: { host: 'Mail server address (SMTP)', port: 'Port', user: 'User', password: 'Password', from: 'Sender address', tls: 'Encryption (starttls, implicit or none)' },
      cardPayments: { shopId: 'YooKassa shop ID', secretKey: 'Secret key', apiUrl: 'API address (https://), if not the standard one' },
    },
  },
  diagnostics: {
    title: 'Connections',
    lead: 'What the app works with on this computer: the database, SMS, mail, payments. For whoever sets it up.',
    adapters: 'Connections',
    refresh: 'Check again',
    checking: 'Checking…',
    checkedAt: 'Checked {at}',
    embedded: 'on this computer',
    backToSignIn: 'To sign-in',
    backToCabinet: 'To the cabinet',
    column: { adapter: 'Connection', mode: 'Mode', state: 'State', queue: 'Queue', lastError: 'Last error' },
    adapter: {
      store: 'Database',
      chainNotices: 'Store chain notices',
      sms: 'SMS centre',
      confirmations: 'Phone confirmations',
      mail: 'Mail',
      cardPayments: 'Card payments',
      wallets: 'E-wallets',
      supportDesk: 'Support desk',
    },
    mode: { live: 'Live', demo: 'Demo', 'not-configured': 'Not set up' },
    state: { ready: 'Ready', connected: 'Connected', connecting: 'Connecting', down: 'No connection', 'not-configured': 'Not set up' },
    social: {
      title: 'Social sign-in',
      lead: 'Subscribers see only the ways that are set up.',
      configured: 'set up',
      notConfigured: 'not set up',
    },
    testCards: { title: 'Test cards', lead: 'Card payments in test mode: no real money moves. Expiry: any future date, CVC: any 3 digits. Subscribers do not see this list.' },
  },
};

export const diagnosticsMessages: Record<Language, DiagnosticsMessages> = { ru, en };
