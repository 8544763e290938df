/**
 * The one feedback rule for toasts: good news closes by itself, a warning or an error stays until the person
 * dismisses it. A toast that closes by itself waits while the pointer or the keyboard is on it.
 */
export type ToastTone = 'success' | 'warning' | 'error';

/** How long good news stays on screen: long enough to read a sentence twice (WCAG 2.2.1 lets the person dismiss it anyway). */
export const SUCCESS_TOAST_MS = 6000;

/** Milliseconds until a toast of this tone closes by itself; null: it stays until dismissed. */
export function closesAfter(tone: ToastTone): number | null {
  return tone === 'success' ? SUCCESS_TOAST_MS : null;
}

/**
 * Timers that close toasts: `schedule` starts one for a toast that closes by itself, `hold`/`release` pause and
 * restart it (pointer over it, focus in it), `clear` drops every timer (the list was emptied).
 */
export function toastTimers(
  close: (id: number) => void,
  // Called through wrappers: a browser's setTimeout called as a method of another object throws «Illegal invocation».
  timer: { set: (run: () => void, ms: number) => ReturnType<typeof setTimeout>; clear: (handle: ReturnType<typeof setTimeout>) => void } = {
    set: (run, ms) => setTimeout(run, ms),
    clear: (handle) => clearTimeout(handle),
  },
) {
  const running = new Map<number, ReturnType<typeof setTimeout>>();
  const lifetimes = new Map<number, number>();
  function start(id: number, ms: number): void {
    running.set(
      id,
      timer.set(() => {
        running.delete(id);
        lifetimes.delete(id);
        close(id);
      }, ms),
    );
  }
  return {
    schedule(id: number, tone: ToastTone): void {
      const ms = closesAfter(tone);
      if (ms === null) return;
      lifetimes.set(id, ms);
      start(id, ms);
    },
    hold(id: number): void {
      const handle = running.get(id);
      if (handle === undefined) return;
      timer.clear(handle);
      running.delete(id);
    },
    release(id: number): void {
      const ms = lifetimes.get(id);
      if (ms !== undefined && !running.has(id)) start(id, ms);
    },
    forget(id: number): void {
      const handle = running.get(id);
      if (handle !== undefined) timer.clear(handle);
      running.delete(id);
      lifetimes.delete(id);
    },
    clear(): void {
      for (const handle of running.values()) timer.clear(handle);
      running.clear();
      lifetimes.clear();
    },
  };
}
