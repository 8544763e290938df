import { readonly, ref, type DeepReadonly, type Ref } from 'vue';

/**
 * Which of a screen's actions is running — a form, or a row of a list by its key — when one store flag keeps every
 * button of the screen waiting: only the button of the action that runs shows it is busy (PendingButton's `pending`),
 * the others are merely disabled.
 */
export function useRunningAction<Key extends string>(): {
  running: DeepReadonly<Ref<Key | null>>;
  runAs: <T>(key: Key, call: () => Promise<T>) => Promise<T>;
} {
  const running = ref<Key | null>(null) as Ref<Key | null>;
  async function runAs<T>(key: Key, call: () => Promise<T>): Promise<T> {
    running.value = key;
    try {
      return await call();
    } finally {
      if (running.value === key) running.value = null;
    }
  }
  return { running: readonly(running), runAs };
}
