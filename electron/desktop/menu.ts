import type { MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/contract/settings';

/** What the menu's own items do; roles (copy, zoom, quit…) are Electron's. */
export interface MenuActions {
  /** The virtual handset's window: only in demo mode (no item without it). */
  showHandset?: () => void;
  checkForUpdates(): void;
  openLogsFolder(): void;
  showAbout(): void;
}

const labels = {
  ru: {
    app: 'Личный кабинет',
    file: 'Файл',
    handset: 'Телефон (виртуальный)',
    quit: 'Выход',
    edit: 'Правка',
    undo: 'Отменить',
    redo: 'Повторить',
    cut: 'Вырезать',
    copy: 'Копировать',
    paste: 'Вставить',
    selectAll: 'Выделить всё',
    view: 'Вид',
    reload: 'Перезагрузить',
    devTools: 'Инструменты разработчика',
    zoomIn: 'Увеличить',
    zoomOut: 'Уменьшить',
    resetZoom: 'Обычный размер',
    fullScreen: 'Во весь экран',
    window: 'Окно',
    minimize: 'Свернуть',
    zoom: 'Изменить масштаб окна',
    close: 'Закрыть окно',
    help: 'Справка',
    checkForUpdates: 'Проверить обновления',
    logs: 'Открыть папку журналов',
    about: 'О программе',
    hide: 'Скрыть «Личный кабинет»',
    hideOthers: 'Скрыть остальные',
    unhide: 'Показать все',
    services: 'Службы',
  },
  en: {
    app: 'Subscriber Cabinet',
    file: 'File',
    handset: 'Phone (virtual)',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    view: 'View',
    reload: 'Reload',
    devTools: 'Developer Tools',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    resetZoom: 'Actual Size',
    fullScreen: 'Toggle Full Screen',
    window: 'Window',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    help: 'Help',
    checkForUpdates: 'Check for Updates',
    logs: 'Open Logs Folder',
    about: 'About',
    hide: 'Hide Subscriber Cabinet',
    hideOthers: 'Hide Others',
    unhide: 'Show All',
    services: 'Services',
  },
} satisfies Record<Language, Record<string, string>>;

export type MenuLabels = (typeof labels)['ru'];

export function menuLabels(language: Language): MenuLabels {
  return labels[language];
}

/**
 * The application menu in the app's language. macOS gets its app menu (About, Hide, Quit there); reload and
 * developer tools exist only in development.
 */
export function menuTemplate(language: Language, actions: MenuActions, options: { platform: NodeJS.Platform; development: boolean }): MenuItemConstructorOptions[] {
  const l = labels[language];
  const mac = options.platform === 'darwin';
  const handset = actions.showHandset;
  const about: MenuItemConstructorOptions = { id: 'about', label: l.about, click: () => actions.showAbout() };
  const quit: MenuItemConstructorOptions = { id: 'quit', role: 'quit', label: l.quit, accelerator: 'CmdOrCtrl+Q' };

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: l.app,
      submenu: [
        about,
        { type: 'separator' },
        { role: 'services', label: l.services },
        { type: 'separator' },
        { role: 'hide', label: l.hide },
        { role: 'hideOthers', label: l.hideOthers },
        { role: 'unhide', label: l.unhide },
        { type: 'separator' },
        quit,
      ],
    });
  }
  template.push(
    {
      id: 'file',
      label: l.file,
      submenu: [
        ...(handset ? [{ id: 'handset', label: l.handset, accelerator: 'CmdOrCtrl+Shift+P', click: () => handset() }, ...(mac ? [] : [{ type: 'separator' } as const])] : []),
        ...(mac ? [] : [quit]),
      ],
    },
    {
      id: 'edit',
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    {
      id: 'view',
      label: l.view,
      submenu: [
        ...(options.development ? [{ role: 'reload', label: l.reload } as const, { role: 'toggleDevTools', label: l.devTools } as const, { type: 'separator' } as const] : []),
        { role: 'resetZoom', label: l.resetZoom },
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: l.fullScreen },
      ],
    },
    {
      id: 'window',
      label: l.window,
      submenu: [{ role: 'minimize', label: l.minimize }, ...(mac ? [{ role: 'zoom', label: l.zoom } as const] : []), { role: 'close', label: l.close }],
    },
    {
      id: 'help',
      role: 'help',
      label: l.help,
      submenu: [
        { id: 'check-for-updates', label: l.checkForUpdates, click: () => actions.checkForUpdates() },
        { id: 'logs', label: l.logs, click: () => actions.openLogsFolder() },
        ...(mac ? [] : [{ type: 'separator' } as const, about]),
      ],
    },
  );
  return template;
}
