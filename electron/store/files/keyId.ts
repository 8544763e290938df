import { createHash } from 'node:crypto';

/** Names a key without revealing it, so a wrong key is told apart from damage. */
export function keyId(key: Buffer): Buffer {
  return createHash('sha256').update('subscriber-cabinet key id').update(key).digest().subarray(0, 8);
}
