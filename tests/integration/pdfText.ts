import { inflateSync } from 'node:zlib';

/** The streams of a PDF, inflated where they are Flate-compressed (pdfkit's content streams and CMaps are). */
function streams(pdf: Buffer): string[] {
  const found: string[] = [];
  const text = pdf.toString('latin1');
  for (const match of text.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0 || text.slice(match.index - 3, match.index) === 'end') continue;
    const body = pdf.subarray(start, end);
    try {
      found.push(inflateSync(body).toString('latin1'));
    } catch {
      found.push(body.toString('latin1'));
    }
  }
  return found;
}

/**
 * The text of a PDF's lines as a reader would copy it: every `<glyphs> Tj` decoded through the fonts' ToUnicode maps
 * (each line is tried with each font's map: good enough to find a known line, which no wrong map spells).
 */
export function pdfLines(pdf: Buffer): string[] {
  const all = streams(pdf);
  const maps = all
    .filter((stream) => stream.includes('beginbfrange'))
    .map((cmap) => {
      const map = new Map<number, string>();
      for (const [, start, entries] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
        [...entries!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((entry, index) => {
          map.set(parseInt(start!, 16) + index, String.fromCharCode(...entry[1]!.split(' ').map((hex) => parseInt(hex, 16))));
        });
      }
      return map;
    });
  const lines: string[] = [];
  for (const content of all.filter((stream) => stream.includes(' Tj'))) {
    for (const [, hex] of content.matchAll(/<([0-9a-f]+)> Tj/gi)) {
      const codes = hex!.match(/.{4}/g)!.map((code) => parseInt(code, 16));
      for (const map of maps) {
        if (codes.every((code) => map.has(code))) lines.push(codes.map((code) => map.get(code)).join(''));
      }
    }
  }
  return lines;
}

export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page(?![s\w])/g)?.length ?? 0;
}
