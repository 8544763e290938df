import type { KnowledgeBase } from '../core/support/knowledgeBase';
import type { SupportRequests } from '../core/support/supportRequests';
import type { Session } from '../core/auth/sessions';
import type { Handler, HandlerContext } from './dispatcher';

type SupportPath = 'support.topics' | 'support.searchArticles' | 'support.createRequest' | 'support.requests' | 'support.request' | 'support.reply' | 'support.close' | 'support.attachment';

export interface SupportServices {
  supportRequests: SupportRequests;
  knowledgeBase: KnowledgeBase;
}

/** The `support` area: «Обращения» and the knowledge base. A request is read and changed only by its own profile. */
export function supportHandlers(
  services: () => SupportServices,
  readySession: (context: HandlerContext) => Session,
): { [P in SupportPath]: Handler<P> } {
  return {
    'support.topics': async (_input, context) => {
      readySession(context);
      return services().supportRequests.topics();
    },
    'support.searchArticles': async ({ query }, context) => {
      readySession(context);
      return services().knowledgeBase.search(query);
    },
    'support.createRequest': async ({ topic, text, attachment, idempotencyKey }, context) =>
      services().supportRequests.create(readySession(context), { topic, text, idempotencyKey, ...(attachment ? { attachment } : {}) }),
    'support.requests': async (_input, context) => services().supportRequests.list(readySession(context)),
    'support.request': async ({ requestId }, context) => services().supportRequests.thread(readySession(context), requestId),
    'support.reply': async ({ requestId, text }, context) => services().supportRequests.reply(readySession(context), requestId, text),
    'support.close': async ({ requestId }, context) => services().supportRequests.close(readySession(context), requestId),
    'support.attachment': async ({ requestId, attachmentId }, context) => services().supportRequests.attachment(readySession(context), requestId, attachmentId),
  };
}
