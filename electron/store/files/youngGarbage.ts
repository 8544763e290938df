import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

type Collect = (options: { type: 'minor' }) => void;
let collect: Collect | null | undefined;

/**
 * Collects the thread's young garbage now (a minor collection: a fraction of a millisecond on this thread's small
 * heap). Sealing or unsealing a 100 MB snapshot makes 100 MB of cipher output in 256 KB buffers that are dead as soon
 * as they are written or copied; V8 collects them only after 64 MB of such memory has piled up, so a checkpoint or an
 * open held 20–35 MB more at its peak than the store itself (bench:store's rss_mb_100mb). Called every megabyte by
 * the snapshot's readers and writers. V8's `gc` is taken once from a context of its own (the flag lets new contexts
 * have it; no existing one, the app's included, gains a global); where that is not allowed it does nothing.
 */
export function collectYoungGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as Collect;
    } catch {
      collect = null;
    }
  }
  collect?.({ type: 'minor' });
}
