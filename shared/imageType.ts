import type { AttachmentMediaType } from './contract/support';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/**
 * An image's type from its first bytes (its "magic number"); a file's name or claimed type proves nothing.
 * The window uses it to say at once that a file is not a screenshot; the main side checks again.
 */
export function imageTypeOf(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF, a 4-byte size, then WEBP.
  if (bytes.length >= 12 && startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}
