import type { UsageDetail } from '../../../shared/contract/account';

export interface PdfTexts {
  title: string;
  period: string;
  headers: [string, string, string, string];
  totals: string[];
  row: (row: UsageDetail['rows'][number]) => [string, string, string, string];
}

/**
 * The detail as a PDF, made in the window with pdfmake (its Roboto has Cyrillic), loaded only when asked
 * for. `onProgress` gets 0–1 while the pages are laid out: a year of detail takes a while.
 */
export async function detailPdf(detail: UsageDetail, texts: PdfTexts, onProgress: (share: number) => void): Promise<Blob> {
  const [{ default: pdfMake }, { default: vfs }] = await Promise.all([import('pdfmake/build/pdfmake'), import('pdfmake/build/vfs_fonts')]);
  pdfMake.addVirtualFileSystem(vfs);
  pdfMake.setProgressCallback((share: number) => onProgress(Math.min(1, Math.max(0, share))));
  const body = [texts.headers.map((text) => ({ text, bold: true })), ...detail.rows.map((row) => texts.row(row))];
  const document = pdfMake.createPdf({
    info: { title: texts.title },
    pageSize: 'A4',
    pageMargins: [36, 40, 36, 40],
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    content: [
      { text: texts.title, fontSize: 15, bold: true, margin: [0, 0, 0, 4] },
      { text: texts.period, margin: [0, 0, 0, 10] },
      { ul: texts.totals, margin: [0, 0, 0, 12] },
      { table: { headerRows: 1, widths: ['auto', '*', 'auto', 'auto'], body }, layout: 'lightHorizontalLines' },
    ],
    footer: (page: number, pages: number) => ({ text: `${page} / ${pages}`, alignment: 'center', fontSize: 8 }),
  });
  const blob = await document.getBlob();
  onProgress(1);
  return blob;
}
