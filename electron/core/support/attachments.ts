import { ATTACHMENT_MAX_BYTES } from '../../../shared/supportLimits';
import type { AttachmentMediaType } from './model';
import { imageTypeOf } from '../../../shared/imageType';
import { DomainError } from '../errors';

export { imageTypeOf };

const FIELD = 'attachment.dataBase64';

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
