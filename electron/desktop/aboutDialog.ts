import type { Language } from '../../shared/contract/settings';

export interface AppVersions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  v8: string;
}

/** The About dialog's words: the product, its version and the versions of what it runs on. */
export function aboutText(language: Language, versions: AppVersions): { title: string; message: string; detail: string; ok: string } {
  const ru = language === 'ru';
  return {
    title: ru ? 'О программе' : 'About',
    message: ru ? `Личный кабинет ${versions.app}` : `Subscriber Cabinet ${versions.app}`,
    detail: [
      `${ru ? 'Версия' : 'Version'}: ${versions.app}`,
      `Electron: ${versions.electron}`,
      `Chromium: ${versions.chrome}`,
      `Node.js: ${versions.node}`,
      `V8: ${versions.v8}`,
    ].join('\n'),
    ok: 'OK',
  };
}
