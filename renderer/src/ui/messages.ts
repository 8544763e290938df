import type { Language } from '../../../shared/contract/settings';

/**
 * The words of the signed-in shell and its design system (account menu, sidebar, toasts, chips): loaded with the
 * signed-in screens, not with the first one, merged in by addMessages.
 */
const ru = {
  shell: {
    account: 'Аккаунт',
    accountOf: 'Аккаунт {number}',
    numbers: 'Номера профиля',
    current: 'текущий',
    switchTo: 'Перейти на номер {number}',
    language: 'Язык',
    theme: 'Тема',
    signOut: 'Выйти',
    signOutEverywhere: 'Выйти везде',
    everywhereTitle: 'Выйти на всех устройствах?',
    everywhereBody: 'Сеансы этого профиля закончатся на всех компьютерах и телефонах, включая этот. Войти снова можно будет по паролю или коду.',
    everywhereConfirm: 'Выйти везде',
    everywhereBusy: 'Выходим…',
    cancel: 'Отмена',
    dismiss: 'Закрыть уведомление',
    on: 'Подключена',
    off: 'Не подключена',
    amountChips: 'Быстрый выбор суммы',
    loading: 'Загружаем…',
    profile: {
      summary: 'Что хранит профиль',
      number: 'Номер',
      name: 'Имя',
      email: 'Электронная почта',
      address: 'Адрес для писем',
      signIns: 'Вход через',
      alerts: 'Уведомления',
      notGiven: 'не указано',
      none: 'нет',
      alertsOn: 'включено {on} из {total}',
    },
  },
};

const en: typeof ru = {
  shell: {
    account: 'Account',
    accountOf: 'Account {number}',
    numbers: 'Profile numbers',
    current: 'current',
    switchTo: 'Switch to {number}',
    language: 'Language',
    theme: 'Theme',
    signOut: 'Sign out',
    signOutEverywhere: 'Sign out everywhere',
    everywhereTitle: 'Sign out on every device?',
    everywhereBody: 'Sessions of this profile end on every computer and phone, this one included. You can sign in again with your password or a code.',
    everywhereConfirm: 'Sign out everywhere',
    everywhereBusy: 'Signing out…',
    cancel: 'Cancel',
    dismiss: 'Dismiss notification',
    on: 'On',
    off: 'Off',
    amountChips: 'Quick amounts',
    loading: 'Loading…',
    profile: {
      summary: 'What the profile holds',
      number: 'Number',
      name: 'Name',
      email: 'E-mail',
      address: 'Postal address',
      signIns: 'Sign-in with',
      alerts: 'Notifications',
      notGiven: 'not given',
      none: 'none',
      alertsOn: '{on} of {total} on',
    },
  },
};

export const shellMessages: Record<Language, typeof ru> = { ru, en };
