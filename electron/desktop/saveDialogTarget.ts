import { join } from 'node:path';
import { app, BrowserWindow, dialog, webContents } from 'electron';
import type { Language } from '../../shared/contract/settings';
import type { SaveTarget } from '../exports/saveTarget';

const titles: Record<Language, string> = { ru: 'Сохранить детализацию', en: 'Save the usage detail' };
const kinds: Record<'pdf' | 'csv', Electron.FileFilter> = { pdf: { name: 'PDF', extensions: ['pdf'] }, csv: { name: 'CSV', extensions: ['csv'] } };

/** Asks where to save an export with the system's save dialog, attached to the window that asked (its webContents id). */
export function saveDialogTarget(language: () => Language): SaveTarget {
  return {
    async choose(windowId, suggestedName, format) {
      const contents = webContents.fromId(Number(windowId));
      const window = contents ? BrowserWindow.fromWebContents(contents) : null;
      if (!window) return null;
      const result = await dialog.showSaveDialog(window, {
        title: titles[language()],
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [kinds[format]],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
