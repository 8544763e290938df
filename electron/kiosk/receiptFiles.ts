import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The receipt PDFs a kiosk writes (instead of paper, where CABINET_RECEIPT_PDF_DIR says so), remembered so that
 * the end of the visit deletes them: a receipt names the subscriber's number and what they paid.
 */
export class ReceiptFiles {
  private readonly written = new Set<string>();

  constructor(private readonly folder: string) {}

  /** Writes one receipt under a name of its own (two receipts in the same millisecond do not collide). */
  async write(pdf: Uint8Array): Promise<string> {
    await mkdir(this.folder, { recursive: true });
    const file = join(this.folder, `receipt-${Date.now()}-${randomUUID().slice(0, 8)}.pdf`);
    await writeFile(file, pdf, { flag: 'wx' });
    this.written.add(file);
    return file;
  }

  /** Deletes every receipt written since the last call; a file already gone is not an error. */
  async deleteAll(): Promise<void> {
    const files = [...this.written];
    await Promise.all(
      files.map(async (file) => {
        await rm(file, { force: true });
        this.written.delete(file);
      }),
    );
  }
}
