import type { ExportFormat } from './detailDocuments';

/** Where an export goes: the Electron adapter asks with a save dialog; the test harness picks a file in a temp folder. */
export interface SaveTarget {
  /** The chosen file's full path, or null when the subscriber closed the dialog. */
  choose(windowId: string, suggestedName: string, format: ExportFormat): Promise<string | null>;
}
