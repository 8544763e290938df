import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import type { UsageDetail } from '../../shared/contract/account';
import type { Language } from '../../shared/contract/settings';
import { detailTexts, type DetailTexts } from './detailTexts';
import { PdfLineText, type PdfFont, type PdfPages } from './pdfText';

export type ExportFormat = 'pdf' | 'csv';

/** One export, as the worker gets it: everything it needs, nothing secret (no session, no key). */
export interface ExportJob {
  format: ExportFormat;
  /** The file the subscriber chose; written under a temporary name beside it and renamed when complete. */
  file: string;
  language: Language;
  msisdn: string;
  timeZone: string;
  detail: UsageDetail;
  /** Roboto (regular and medium): TrueType faces with Cyrillic, which the PDF embeds as subsets. */
  fonts: { regular: string; bold: string };
}

export class ExportCancelled extends Error {
  constructor() {
    super('the export was cancelled');
  }
}

export interface ExportControl {
  /** 0–1, called as the file grows (at most once per percent). */
  progress(share: number): void;
  cancelled(): boolean;
}

/**
 * Writes the export to a temporary file beside the chosen one and renames it when complete: a cancelled or failed
 * export leaves nothing behind, and never a half-written file where an older one was.
 */
export async function writeExport(job: ExportJob, control: ExportControl): Promise<{ pages: number; rows: number }> {
  const temporary = join(dirname(job.file), `.${basename(job.file)}.${randomBytes(6).toString('hex')}.part`);
  const out = createWriteStream(temporary, { flags: 'wx', highWaterMark: 1 << 20 });
  try {
    const texts = detailTexts(job.language, job.msisdn, job.timeZone, job.detail);
    const written = job.format === 'pdf' ? await writePdf(job, texts, out, control) : await writeCsv(job, texts, out, control);
    await finished(out);
    await rename(temporary, job.file);
    control.progress(1);
    return written;
  } catch (error) {
    out.destroy();
    await finished(out).catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Lets written data flow to the file and a cancel arrive; waits while the file is behind. */
async function breathe(out: WriteStream, control: ExportControl): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (out.writableNeedDrain) await new Promise<void>((resolve) => out.once('drain', resolve));
  if (control.cancelled()) throw new ExportCancelled();
}

function progressReporter(control: ExportControl): (share: number) => void {
  let last = -1;
  return (share) => {
    const percent = Math.floor(share * 100);
    if (percent <= last) return;
    last = percent;
    control.progress(percent / 100);
  };
}

/** CSV: RFC 4180, semicolons, a BOM so spreadsheets read UTF-8, headers and numbers in the subscriber's language (detailTexts). */
async function writeCsv(job: ExportJob, texts: DetailTexts, out: WriteStream, control: ExportControl): Promise<{ pages: number; rows: number }> {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = job.detail.rows;
  const report = progressReporter(control);
  out.write(`\uFEFF${texts.csvHeaders.map(cell).join(';')}\r\n`);
  const CHUNK = 2000;
  for (let start = 0; start < rows.length; start += CHUNK) {
    let text = '';
    for (const row of rows.slice(start, start + CHUNK)) {
      text += `${texts.csvRow(row).map(cell).join(';')}\r\n`;
    }
    out.write(text);
    report(Math.min(rows.length, start + CHUNK) / rows.length);
    await breathe(out, control);
  }
  out.end();
  return { pages: 1, rows: rows.length };
}

// A4 in points, and the table's geometry: every row is one line, so the page count is known before drawing.
const PAGE = { width: 595.28, height: 841.89, left: 36, right: 36, top: 40, bottom: 40 };
const ROW_HEIGHT = 12.5;
const FONT_SIZE = 8.5;
const TITLE_BLOCK = 112;
const COLUMNS = { when: PAGE.left, what: PAGE.left + 100, amountRight: PAGE.width - PAGE.right - 110, moneyRight: PAGE.width - PAGE.right };
const FOOTER_SPACE = 18;

export function pdfLayout(rowCount: number): { firstPageRows: number; rowsPerPage: number; pages: number } {
  const tableHeight = (top: number) => PAGE.height - PAGE.bottom - FOOTER_SPACE - top - ROW_HEIGHT;
  const firstPageRows = Math.floor(tableHeight(PAGE.top + TITLE_BLOCK) / ROW_HEIGHT);
  const rowsPerPage = Math.floor(tableHeight(PAGE.top) / ROW_HEIGHT);
  const pages = 1 + Math.ceil(Math.max(0, rowCount - firstPageRows) / rowsPerPage);
  return { firstPageRows, rowsPerPage, pages };
}

/**
 * The PDF drawn row by row with pdfkit (what pdfmake is built on, without its layout engine holding the whole
 * document): each page is written out as the next begins, so memory stays flat however long the range.
 */
async function writePdf(job: ExportJob, texts: DetailTexts, out: WriteStream, control: ExportControl): Promise<{ pages: number; rows: number }> {
  const [regular, bold] = await Promise.all([readFile(job.fonts.regular), readFile(job.fonts.bold)]);
  const rows = job.detail.rows;
  const layout = pdfLayout(rows.length);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right },
    autoFirstPage: false,
    bufferPages: false,
    // No standard font (Helvetica would be read from pdfkit's AFM files and has no Cyrillic): Roboto is registered below.
    font: null as unknown as string,
    info: { Title: texts.title, Creator: 'Subscriber Cabinet', Producer: 'Subscriber Cabinet' },
    lang: job.language,
  });
  doc.pipe(out);
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);
  const fontOf = (name: string) => (doc.font(name) as unknown as { _font: PdfFont })._font;
  const faces = { regular: fontOf('regular'), bold: fontOf('bold') };
  const text = new PdfLineText(doc as unknown as PdfPages);
  const report = progressReporter(control);
  const right = (face: keyof typeof faces, size: number, value: string, edge: number, y: number) => {
    if (value) text.draw(faces[face], size, value, edge - text.width(faces[face], size, value), y);
  };
  const tableHeader = (y: number) => {
    text.draw(faces.bold, FONT_SIZE, texts.headers[0], COLUMNS.when, y);
    text.draw(faces.bold, FONT_SIZE, texts.headers[1], COLUMNS.what, y);
    right('bold', FONT_SIZE, texts.headers[2], COLUMNS.amountRight, y);
    right('bold', FONT_SIZE, texts.headers[3], COLUMNS.moneyRight, y);
    doc
      .moveTo(PAGE.left, y + ROW_HEIGHT - 2.5)
      .lineTo(PAGE.width - PAGE.right, y + ROW_HEIGHT - 2.5)
      .lineWidth(0.6)
      .strokeColor('#888888')
      .stroke();
  };
  const footer = (page: number) => {
    const label = `${page} / ${layout.pages}`;
    text.draw(faces.regular, 7.5, label, (PAGE.width - text.width(faces.regular, 7.5, label)) / 2, PAGE.height - PAGE.bottom - 8);
  };

  let next = 0;
  for (let page = 1; page <= layout.pages; page += 1) {
    doc.addPage();
    let y = PAGE.top;
    if (page === 1) {
      text.draw(faces.bold, 15, texts.title, PAGE.left, y);
      text.draw(faces.regular, 10, texts.period, PAGE.left, y + 22);
      texts.totals.forEach((total, index) => text.draw(faces.regular, 9, `•  ${total}`, PAGE.left + 4, y + 42 + index * 12.5));
      y += TITLE_BLOCK;
    }
    tableHeader(y);
    y += ROW_HEIGHT;
    const end = Math.min(rows.length, next + (page === 1 ? layout.firstPageRows : layout.rowsPerPage));
    for (; next < end; next += 1) {
      const [when, what, amount, money] = texts.row(rows[next]!);
      text.draw(faces.regular, FONT_SIZE, when, COLUMNS.when, y);
      text.draw(faces.regular, FONT_SIZE, what, COLUMNS.what, y);
      right('regular', FONT_SIZE, amount, COLUMNS.amountRight, y);
      right('regular', FONT_SIZE, money, COLUMNS.moneyRight, y);
      y += ROW_HEIGHT;
    }
    footer(page);
    text.flush();
    report((0.98 * next) / Math.max(1, rows.length));
    await breathe(out, control);
  }
  doc.end();
  return { pages: layout.pages, rows: rows.length };
}
