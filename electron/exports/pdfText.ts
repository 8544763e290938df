/**
 * One-line text for pdfkit without its paragraph layout. pdfkit's `text()` wraps, shapes and positions every call
 * (some 60 µs a cell); a detail table is 200,000 cells of plain Latin, Cyrillic and digits, which need no shaping:
 * each character maps to its glyph once, and a page's cells go out as one content stream chunk. The glyphs are put
 * in the font's subset with their widths and code points, so the PDF embeds them and its text can be copied and
 * searched like pdfkit's own.
 */

/** The parts of pdfkit's embedded (TrueType) font this uses. */
export interface PdfFont {
  id: string;
  scale: number;
  ascender: number;
  font: { glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number } };
  subset: { includeGlyph(glyphId: number): number };
  widths: number[];
  unicode: number[][];
  ref(): unknown;
}

/** The parts of PDFKit.PDFDocument this uses. */
export interface PdfPages {
  page: { height: number; fonts: Record<string, unknown> };
  addContent(data: string): unknown;
}

interface Glyph {
  hex: string;
  /** Advance in thousandths of the font size. */
  width: number;
}

export class PdfLineText {
  private readonly glyphs = new Map<PdfFont, Map<number, Glyph>>();
  private content: string[] = [];
  private current: { font: PdfFont; size: number } | null = null;

  constructor(private readonly doc: PdfPages) {}

  private glyph(font: PdfFont, codePoint: number): Glyph {
    let table = this.glyphs.get(font);
    if (!table) this.glyphs.set(font, (table = new Map()));
    let glyph = table.get(codePoint);
    if (!glyph) {
      const source = font.font.glyphForCodePoint(codePoint);
      const id = font.subset.includeGlyph(source.id);
      const width = source.advanceWidth * font.scale;
      font.widths[id] ??= width;
      font.unicode[id] ??= [codePoint];
      glyph = { hex: id.toString(16).padStart(4, '0'), width };
      table.set(codePoint, glyph);
    }
    return glyph;
  }

  /** The width of a line of text in points. */
  width(font: PdfFont, size: number, text: string): number {
    let width = 0;
    for (const char of text) width += this.glyph(font, char.codePointAt(0)!).width;
    return (width * size) / 1000;
  }

  /** Queues a line of text with its top-left corner at (x, y) in pdfkit's coordinates (y down). */
  draw(font: PdfFont, size: number, text: string, x: number, y: number): void {
    if (!text) return;
    let hex = '';
    for (const char of text) hex += this.glyph(font, char.codePointAt(0)!).hex;
    if (this.content.length === 0) this.content.push(`q 1 0 0 -1 0 ${this.doc.page.height} cm BT`);
    if (this.current?.font !== font || this.current.size !== size) {
      this.doc.page.fonts[font.id] ??= font.ref();
      this.content.push(`/${font.id} ${size} Tf`);
      this.current = { font, size };
    }
    const baseline = this.doc.page.height - y - (font.ascender / 1000) * size;
    this.content.push(`1 0 0 1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm <${hex}> Tj`);
  }

  /** Writes the queued lines into the current page. */
  flush(): void {
    if (this.content.length === 0) return;
    this.content.push('ET Q');
    this.doc.addContent(this.content.join('\n'));
    this.content = [];
    this.current = null;
  }
}
