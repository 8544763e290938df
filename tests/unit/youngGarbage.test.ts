// Sealing or unsealing a snapshot makes as much dead cipher output as the store is large, 256 KB at a time; left to V8
// it piles up to 64 MB before a collection (bench:store's peak memory at 100 MB). collectYoungGarbage frees it now.
import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { collectYoungGarbage } from '../../electron/store/files/youngGarbage';

const MB = 1024 * 1024;
const external = () => process.memoryUsage().arrayBuffers;

/** Encrypts `megabytes` of data in 256 KB pieces and drops every piece, as a snapshot's writer does once it is written. */
function sealAndDrop(megabytes: number, collectEveryMb: number | null): number {
  const cipher = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
  const piece = randomBytes(256 * 1024);
  let highest = 0;
  for (let done = 0; done < megabytes * MB; done += piece.length) {
    const sealed = cipher.update(piece);
    if (sealed.length !== piece.length) throw new Error('GCM gives as many bytes as it takes');
    if (collectEveryMb !== null && done % (collectEveryMb * MB) === 0) collectYoungGarbage();
    highest = Math.max(highest, external());
  }
  return highest;
}

describe('collectYoungGarbage', () => {
  it('frees a snapshot writer’s dead pieces as it goes: 48 MB sealed never holds more than a few of them', () => {
    collectYoungGarbage();
    const before = external();
    const withCollection = sealAndDrop(48, 1) - before;
    expect(withCollection).toBeLessThan(8 * MB);
  });

  it('without it the same pieces pile up (what the store held at its peak before)', () => {
    collectYoungGarbage();
    const before = external();
    const without = sealAndDrop(48, null) - before;
    expect(without).toBeGreaterThan(24 * MB);
    collectYoungGarbage();
  });
});
