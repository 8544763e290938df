import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { CabinetError, Result } from '../../../shared/contract/errors';
import type { OutputOf } from '../../../shared/contract/index';
import type { KbArticle, SupportRequestSummary, SupportThread } from '../../../shared/contract/support';
import { cabinet } from '../api';
import { usePending } from '../composables/useCall';

type Topic = OutputOf<'support.topics'>[number];
export interface PickedScreenshot {
  fileName: string;
  dataBase64: string;
}

/** «Поддержка»: the profile's requests and their threads, the knowledge base, suggestions while a request is typed. */
export const useSupportStore = defineStore('support', () => {
  const topics = ref<Topic[]>([]);
  const requests = ref<SupportRequestSummary[]>([]);
  const thread = ref<SupportThread | null>(null);
  const articles = ref<KbArticle[]>([]);
  const suggestions = ref<KbArticle[]>([]);
  const loading = ref(false);
  const searching = ref(false);
  const error = ref<CabinetError | null>(null);
  /** Screenshots already fetched, as data: URLs, by attachment id. */
  const images = ref<Record<string, string>>({});
  // Answers to an older search or suggestion that arrive late are dropped.
  let searchTurn = 0;
  let suggestTurn = 0;

  const { pending: working, run: guarded, reset: resetWorking } = usePending();

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [topicList, requestList, all] = await Promise.all([cabinet.support.topics({}), cabinet.support.requests({}), cabinet.support.searchArticles({ query: '' })]);
      for (const result of [topicList, requestList, all]) if (!result.ok) error.value = result.error;
      if (topicList.ok) topics.value = topicList.value;
      if (requestList.ok) requests.value = requestList.value;
      if (all.ok) articles.value = all.value;
    } finally {
      loading.value = false;
    }
  }

  async function search(query: string): Promise<void> {
    const turn = ++searchTurn;
    searching.value = true;
    const result = await cabinet.support.searchArticles({ query });
    if (turn !== searchTurn) return;
    searching.value = false;
    articles.value = result.ok ? result.value : [];
  }

  /** Articles for what the subscriber is typing; the view calls it after a pause in typing. */
  async function suggest(text: string): Promise<void> {
    const turn = ++suggestTurn;
    if (text.trim().length < 3) {
      suggestions.value = [];
      return;
    }
    const result = await cabinet.support.searchArticles({ query: text.slice(0, 200) });
    if (turn === suggestTurn) suggestions.value = result.ok ? result.value.slice(0, 3) : [];
  }

  async function refreshList(): Promise<void> {
    const result = await cabinet.support.requests({});
    if (result.ok) requests.value = result.value;
  }

  const keepThread = async (result: Result<SupportThread>): Promise<Result<SupportThread>> => {
    if (result.ok) {
      thread.value = result.value;
      await refreshList();
    }
    return result;
  };

  /** The key is made when the form is opened: a retry or a double click makes one request. */
  const create = async (request: { topic: string; text: string; attachment?: PickedScreenshot; idempotencyKey: string }) => {
    const result = await keepThread(await guarded(() => cabinet.support.createRequest(request)));
    if (result.ok) suggestions.value = [];
    return result;
  };
  const open = async (requestId: string) => keepThread(await guarded(() => cabinet.support.request({ requestId })));
  const reply = async (requestId: string, text: string) => keepThread(await guarded(() => cabinet.support.reply({ requestId, text })));
  const close = async (requestId: string) => keepThread(await guarded(() => cabinet.support.close({ requestId })));
  const leaveThread = () => {
    thread.value = null;
  };

  async function image(requestId: string, attachmentId: string): Promise<string | null> {
    if (images.value[attachmentId]) return images.value[attachmentId];
    const result = await cabinet.support.attachment({ requestId, attachmentId });
    if (!result.ok) return null;
    const url = `data:${result.value.mediaType};base64,${result.value.dataBase64}`;
    images.value = { ...images.value, [attachmentId]: url };
    return url;
  }

  function $reset(): void {
    topics.value = [];
    requests.value = [];
    thread.value = null;
    articles.value = [];
    suggestions.value = [];
    images.value = {};
    loading.value = false;
    searching.value = false;
    resetWorking();
    error.value = null;
    searchTurn += 1;
    suggestTurn += 1;
  }

  return { topics, requests, thread, articles, suggestions, loading, searching, working, error, images, load, search, suggest, create, open, reply, close, leaveThread, image, $reset };
});
