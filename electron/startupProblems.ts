import { NewerStoreVersionError } from './store/encryptedDatabase';
import { StoreFileError } from './store/files/storeFileError';
import { StoreLockedError } from './store/files/storeLock';
import type { Language } from '../shared/contract/settings';
import { StoreUnavailableError } from './core/errors';
import { SharedStoreSettingsError } from './settings/sharedStoreSettings';
import { ConnectionSettingsError } from './store/postgres/postgresDatabase';

export interface StartupProblem {
  title: string;
  detail: string;
  /** Whether going back to the newest good backup can help. */
  offerBackup: boolean;
}

const words = {
  ru: {
    locked: ['Личный кабинет уже открыт', 'Хранилище данных занято другой запущенной копией приложения. Закройте её и запустите приложение снова.'],
    newer: ['Данные созданы более новой версией', 'Хранилище создано более новой версией приложения. Обновите приложение; данные не изменены.'],
    wrongKey: ['Не удалось открыть хранилище', 'Хранилище зашифровано другим ключом (например, скопировано с другого компьютера). Данные не изменены.'],
    damaged: ['Хранилище повреждено', 'Файл данных повреждён или был изменён. Можно вернуться к последней исправной резервной копии: изменения после неё будут потеряны, повреждённые файлы сохранятся в отдельной папке.'],
    rolledBack: [
      'Данные старше, чем сохранённые на этом компьютере',
      'Хранилище вернули к более раннему состоянию: журнал изменений обрезан или удалён, или на место положили старую копию папки данных или резервную копию. Платежи и смена пароля после неё пропали бы, поэтому хранилище не открыто и не изменено. Верните более новую копию папки данных, если она есть; иначе можно вернуться к последней резервной копии — изменения после неё будут потеряны.',
    ],
    other: ['Не удалось запустить личный кабинет', 'Произошла непредвиденная ошибка при открытии хранилища.'],
    sharedSettings: ['Неверные настройки общей базы', 'В settings.json неверно задан раздел sharedStore: '],
    unreachable: ['Общая база данных недоступна', 'Не удаётся подключиться к базе данных сети салонов. Проверьте сеть и настройки sharedStore и запустите приложение снова.'],
  },
  en: {
    locked: ['Subscriber Cabinet is already open', 'The data store is in use by another running copy of the app. Close it and start the app again.'],
    newer: ['Data made by a newer version', 'The store was created by a newer version of the app. Update the app; your data was not changed.'],
    wrongKey: ['The store cannot be opened', 'The store is encrypted with another key (for example, copied from another computer). Nothing was changed.'],
    damaged: ['The store is damaged', 'The data file is damaged or was altered. You can go back to the newest good backup: changes made after it are lost, and the damaged files are kept in a separate folder.'],
    rolledBack: [
      'The data is older than what this computer saved',
      'The store was put back to an earlier state: the journal of changes was cut or deleted, or an older copy of the data folder or a backup was put in its place. Payments and password changes made since would be lost, so the store was not opened and nothing was changed. Put back the newer copy of the data folder if you have one; otherwise you can go back to the newest backup: changes made after it are lost.',
    ],
    other: ['Subscriber Cabinet could not start', 'An unexpected error happened while opening the store.'],
    sharedSettings: ['The shared database settings are wrong', 'settings.json has a wrong sharedStore entry: '],
    unreachable: ['The shared database cannot be reached', "The store chain's database does not answer. Check the network and the sharedStore settings, then start the app again."],
  },
} as const;

/** Words for a person about why the store did not open, in the chosen language. */
export function describeStartupProblem(error: unknown, language: Language): StartupProblem {
  const text = words[language];
  const make = ([title, detail]: readonly [string, string], offerBackup = false): StartupProblem => ({ title, detail, offerBackup });
  if (error instanceof StoreLockedError) return make(text.locked);
  if (error instanceof SharedStoreSettingsError) return { title: text.sharedSettings[0], detail: text.sharedSettings[1] + error.fields.join(', '), offerBackup: false };
  if (error instanceof ConnectionSettingsError) return { title: text.sharedSettings[0], detail: text.sharedSettings[1] + error.message, offerBackup: false };
  if (error instanceof StoreUnavailableError) return make(text.unreachable);
  if (error instanceof NewerStoreVersionError) return make(text.newer);
  if (error instanceof StoreFileError) {
    if (error.reason === 'newer-format') return make(text.newer);
    if (error.reason === 'wrong-key') return make(text.wrongKey);
    if (error.reason === 'rolled-back') return make(text.rolledBack, true);
    return make(text.damaged, true);
  }
  return make(text.other);
}

export const backupButtons = {
  ru: { restore: 'Вернуться к резервной копии', quit: 'Выйти', none: 'Исправных резервных копий нет.' },
  en: { restore: 'Go back to the backup', quit: 'Quit', none: 'There is no good backup.' },
} as const;
