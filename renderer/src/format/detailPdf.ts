import robotoMediumUrl from 'pdfmake/build/fonts/Roboto/Roboto-Medium.ttf?url';
import robotoRegularUrl from 'pdfmake/build/fonts/Roboto/Roboto-Regular.ttf?url';
import type { UsageDetail } from '../../../shared/contract/account';

/** A font shipped as a file beside the renderer (served by app://, 'self' in the CSP), as base64 for pdfmake's vfs. */
async function fontFile(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the PDF font ${url} did not load (${response.status})`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return btoa(binary);
}

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
  const [{ default: pdfMake }, regular, medium] = await Promise.all([import('pdfmake/build/pdfmake'), fontFile(robotoRegularUrl), fontFile(robotoMediumUrl)]);
  // Two faces are all the detail uses: pdfmake's vfs_fonts.js would carry all four, as 855 KB of base64 script.
  pdfMake.addVirtualFileSystem({ 'Roboto-Regular.ttf': regular, 'Roboto-Medium.ttf': medium });
  pdfMake.setFonts({ Roboto: { normal: 'Roboto-Regular.ttf', bold: 'Roboto-Medium.ttf', italics: 'Roboto-Regular.ttf', bolditalics: 'Roboto-Medium.ttf' } });
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
