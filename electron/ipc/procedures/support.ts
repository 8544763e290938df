import type { AreaProcedures, Procedures } from '../procedure';

/** «Поддержка»: requests and the knowledge base. A request is read and changed only by its own profile. */
export const supportProcedures = (procedure: Procedures): AreaProcedures<'support'> => ({
  'support.topics': procedure.signedIn(async (_input, { core }) => core.supportRequests.topics()),
  'support.searchArticles': procedure.signedIn(async ({ query }, { core }) => core.knowledgeBase.search(query)),
  'support.createRequest': procedure.signedIn(async ({ topic, text, attachment, idempotencyKey }, { core, session }) =>
    core.supportRequests.create(session, { topic, text, idempotencyKey, ...(attachment ? { attachment } : {}) }),
  ),
  'support.requests': procedure.signedIn(async (_input, { core, session }) => core.supportRequests.list(session)),
  'support.request': procedure.signedIn(async ({ requestId }, { core, session }) => core.supportRequests.thread(session, requestId)),
  'support.reply': procedure.signedIn(async ({ requestId, text }, { core, session }) => core.supportRequests.reply(session, requestId, text)),
  'support.close': procedure.signedIn(async ({ requestId }, { core, session }) => core.supportRequests.close(session, requestId)),
  'support.attachment': procedure.signedIn(async ({ requestId, attachmentId }, { core, session }) => core.supportRequests.attachment(session, requestId, attachmentId)),
});
