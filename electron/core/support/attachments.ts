import { ATTACHMENT_MAX_BYTES, type AttachmentMediaType } from '../../../shared/contract/support';
import { DomainError } from '../errors';

const FIELD = 'attachment.dataBase64';

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

/** The image's type from its first bytes (its "magic number"); a name or a claimed type proves nothing. */
export function imageTypeOf(bytes: Uint8Array): AttachmentMediaType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  // RIFF, a 4-byte size, then WEBP.
  if (bytes.length >= 12 && startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

/** A screenshot the subscriber attached: a PNG, JPEG or WebP image of at most 2 MB, or a VALIDATION error naming the field. */
export function checkScreenshot(bytes: Uint8Array, maxBytes = ATTACHMENT_MAX_BYTES): AttachmentMediaType {
  const refuse = (expected: string, reason: string): never => {
    throw new DomainError('VALIDATION', `${FIELD}: ${expected}`, { fields: [{ field: FIELD, expected }], reason });
  };
  if (bytes.length === 0) refuse('a PNG, JPEG or WebP image', 'attachment-empty');
  if (bytes.length > maxBytes) refuse(`an image of at most ${Math.round(maxBytes / 1024 / 1024)} MB`, 'attachment-too-large');
  return imageTypeOf(bytes) ?? refuse('a PNG, JPEG or WebP image', 'attachment-type');
}

/** Base64 from the contract to bytes; the contract has already checked the alphabet. */
export function decodeBase64(data: string): Uint8Array {
  return new Uint8Array(Buffer.from(data, 'base64'));
}
