import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { EventPayload } from '../../../shared/contract/index';

export type UpdateStatus = EventPayload<'update.status'>;

/** The app's own update, as the main side announces it; per computer, not per subscriber (kept across sign-outs). */
export const useUpdatesStore = defineStore('updates', () => {
  const status = ref<UpdateStatus | null>(null);
  /** The version the person hid the banner for: it stays hidden until something new happens. */
  const hidden = ref<string | null>(null);

  const keyOf = (update: UpdateStatus): string => `${update.state}:${update.version}`;
  /** Shown unless hidden; progress of a hidden download stays hidden, the download being ready shows again. */
  const visible = computed(() => status.value !== null && hidden.value !== keyOf(status.value));

  function announce(next: UpdateStatus): void {
    status.value = next;
  }

  function hide(): void {
    if (status.value) hidden.value = keyOf(status.value);
  }

  return { status, visible, announce, hide };
});
