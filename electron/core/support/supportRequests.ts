import type { LocalizedText } from '../model';
import type { SupportRequestSummary, SupportThread } from './model';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import type { IdGenerator } from '../ids';
import type { Logger } from '../logger';
import type { Repositories, UnitOfWork } from '../unitOfWork';
import { checkScreenshot, decodeBase64 } from './attachments';
import { maskCardNumbers } from './cardNumberMasking';
import type { DeskDelivery, DeskInbox, DeskReply, SupportDesk, SupportRequestRecord } from './ports';
import { nextStatus, type RequestEvent } from './requestStatus';

export interface NewRequest {
  topic: string;
  text: string;
  attachment?: { fileName: string; dataBase64: string };
  idempotencyKey: string;
}

const PREVIEW_LENGTH = 140;

/**
 * «Обращения»: a subscriber's requests to support, each a thread of messages with a status. A request belongs
 * to the profile that wrote it. New requests and replies go to the support desk; its answers come back through
 * the DeskInbox side of this class, and only here does a request's status change.
 */
export class SupportRequests implements DeskInbox {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly topicList: Array<{ id: string; name: LocalizedText }>,
    private readonly desk: SupportDesk,
    private readonly logger: Logger,
  ) {}

  topics(): Array<{ id: string; name: LocalizedText }> {
    return this.topicList;
  }

  /**
   * Writes a request (once per idempotency key) and hands it to the desk. A card number in the text is kept
   * (and sent on) only as its last four digits: nobody at the desk needs the rest, and the store must not hold it.
   */
  async create(session: Session, typed: NewRequest): Promise<SupportThread> {
    const request = { ...typed, text: maskCardNumbers(typed.text) };
    if (!this.topicList.some((topic) => topic.id === request.topic)) {
      throw new DomainError('VALIDATION', 'topic: a topic from the list', { fields: [{ field: 'topic', expected: 'a topic from the list' }] });
    }
    const screenshot = request.attachment ? { fileName: request.attachment.fileName, bytes: decodeBase64(request.attachment.dataBase64) } : null;
    const mediaType = screenshot ? checkScreenshot(screenshot.bytes) : null;
    const { record, created } = await this.uow.write(async (repos) => {
      const existing = await repos.supportRequests.byIdempotencyKey(session.subscriberId, request.idempotencyKey);
      if (existing) return { record: existing, created: false };
      const at = this.nowIso();
      const record: SupportRequestRecord = {
        id: this.ids.next('request'),
        subscriberId: session.subscriberId,
        lineId: session.lineId,
        topic: request.topic,
        status: 'new',
        createdAt: at,
        updatedAt: at,
        idempotencyKey: request.idempotencyKey,
      };
      await repos.supportRequests.add(record);
      const messageId = this.ids.next('message');
      await repos.supportRequests.addMessage({ id: messageId, requestId: record.id, seq: 1, author: 'subscriber', body: request.text, articleIds: [], at });
      if (screenshot && mediaType) {
        await repos.supportRequests.addAttachment({
          id: this.ids.next('attachment'),
          messageId,
          fileName: screenshot.fileName,
          mediaType,
          byteSize: screenshot.bytes.length,
          content: screenshot.bytes,
        });
      }
      return { record, created: true };
    });
    if (created) {
      await this.deliver({ kind: 'new-request', requestId: record.id, topic: record.topic, text: request.text, hasAttachment: screenshot !== null });
    }
    return this.thread(session, record.id);
  }

  async list(session: Session): Promise<SupportRequestSummary[]> {
    return this.uow.read(async (repos) => {
      const records = await repos.supportRequests.ofSubscriber(session.subscriberId);
      return Promise.all(records.map((record) => this.summaryIn(repos, record)));
    });
  }

  thread(session: Session, requestId: string): Promise<SupportThread> {
    return this.uow.read(async (repos) => this.threadIn(repos, await this.owned(repos, session, requestId)));
  }

  async reply(session: Session, requestId: string, typed: string): Promise<SupportThread> {
    const text = maskCardNumbers(typed);
    const record = await this.uow.write(async (repos) => {
      const record = await this.owned(repos, session, requestId);
      const status = nextStatus(record.status, 'subscriber-replied');
      const at = this.nowIso();
      const seq = (await repos.supportRequests.messages(record.id)).length + 1;
      await repos.supportRequests.addMessage({ id: this.ids.next('message'), requestId: record.id, seq, author: 'subscriber', body: text, articleIds: [], at });
      await repos.supportRequests.setStatus(record.id, status, at);
      return record;
    });
    await this.deliver({ kind: 'subscriber-reply', requestId: record.id, topic: record.topic, text, hasAttachment: false });
    return this.thread(session, requestId);
  }

  async close(session: Session, requestId: string): Promise<SupportThread> {
    await this.uow.write(async (repos) => {
      const record = await this.owned(repos, session, requestId);
      await this.apply(repos, record, 'subscriber-closed');
    });
    return this.thread(session, requestId);
  }

  async attachment(session: Session, requestId: string, attachmentId: string): Promise<{ fileName: string; mediaType: SupportThread['messages'][number]['attachments'][number]['mediaType']; dataBase64: string }> {
    return this.uow.read(async (repos) => {
      const record = await this.owned(repos, session, requestId);
      const attachment = await repos.supportRequests.attachment(attachmentId);
      if (!attachment || attachment.requestId !== record.id) throw new DomainError('NOT_FOUND', 'no such attachment on this request');
      return { fileName: attachment.fileName, mediaType: attachment.mediaType, dataBase64: Buffer.from(attachment.content).toString('base64') };
    });
  }

  /** Requests written while the desk could not take them go to it again (on start). */
  async redeliverNew(): Promise<number> {
    const pending = await this.uow.read(async (repos) =>
      Promise.all(
        (await repos.supportRequests.withStatus('new')).map(async (record) => {
          const messages = await repos.supportRequests.messages(record.id);
          const attachments = await repos.supportRequests.attachmentsOf(record.id);
          return { record, text: messages[0]?.body ?? '', hasAttachment: attachments.length > 0, answered: messages.some((message) => message.author === 'desk') };
        }),
      ),
    );
    const undelivered = pending.filter((item) => !item.answered);
    for (const { record, text, hasAttachment } of undelivered) {
      await this.deliver({ kind: 'new-request', requestId: record.id, topic: record.topic, text, hasAttachment });
    }
    return undelivered.length;
  }

  async taken(requestId: string): Promise<void> {
    await this.uow.write(async (repos) => {
      const record = await repos.supportRequests.byId(requestId);
      if (record) await this.apply(repos, record, 'desk-took');
    });
  }

  async answered(requestId: string, reply: DeskReply): Promise<void> {
    await this.uow.write(async (repos) => {
      const record = await repos.supportRequests.byId(requestId);
      if (!record) throw new DomainError('NOT_FOUND', 'the desk answered a request that does not exist');
      const known = new Set((await repos.knowledgeBase.byIds(reply.articleIds)).map((article) => article.id));
      const seq = (await repos.supportRequests.messages(record.id)).length + 1;
      await repos.supportRequests.addMessage({
        id: this.ids.next('message'),
        requestId: record.id,
        seq,
        author: 'desk',
        body: reply.text,
        articleIds: reply.articleIds.filter((id) => known.has(id)),
        at: this.nowIso(),
      });
      await this.apply(repos, record, 'desk-answered');
    });
  }

  /** A desk that fails leaves the request "new": it is delivered again on the next start. */
  private async deliver(delivery: DeskDelivery): Promise<void> {
    try {
      await this.desk.deliver(delivery, this);
    } catch (error) {
      this.logger.warn('the support desk did not take a request', { requestId: delivery.requestId, error: (error as Error)?.message ?? String(error) });
    }
  }

  private async apply(repos: Repositories, record: SupportRequestRecord, event: RequestEvent): Promise<void> {
    const status = nextStatus(record.status, event);
    if (status !== record.status || event === 'desk-answered') await repos.supportRequests.setStatus(record.id, status, this.nowIso());
  }

  /** The request, if it is the profile's own: another subscriber's is FORBIDDEN. */
  private async owned(repos: Repositories, session: Session, requestId: string): Promise<SupportRequestRecord> {
    const record = await repos.supportRequests.byId(requestId);
    if (!record) throw new DomainError('NOT_FOUND', 'no such request');
    if (record.subscriberId !== session.subscriberId) throw new DomainError('FORBIDDEN', 'the request belongs to another subscriber');
    return record;
  }

  private async summaryIn(repos: Repositories, record: SupportRequestRecord): Promise<SupportRequestSummary> {
    const [first] = await repos.supportRequests.messages(record.id);
    const line = await repos.account.line(record.lineId);
    const text = first?.body ?? '';
    return {
      id: record.id,
      topic: record.topic,
      status: record.status,
      msisdn: line?.msisdn ?? '',
      preview: text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1)}…` : text,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
    };
  }

  private async threadIn(repos: Repositories, record: SupportRequestRecord): Promise<SupportThread> {
    const fresh = (await repos.supportRequests.byId(record.id)) ?? record;
    const messages = await repos.supportRequests.messages(record.id);
    const attachments = await repos.supportRequests.attachmentsOf(record.id);
    const articles = new Map((await repos.knowledgeBase.byIds([...new Set(messages.flatMap((message) => message.articleIds))])).map((article) => [article.id, article]));
    return {
      ...(await this.summaryIn(repos, fresh)),
      messages: messages.map((message) => ({
        id: message.id,
        author: message.author,
        body: message.body,
        at: message.at,
        articles: message.articleIds.flatMap((id) => articles.get(id) ?? []),
        attachments: attachments.filter((attachment) => attachment.messageId === message.id).map(({ id, fileName, mediaType, byteSize }) => ({ id, fileName, mediaType, byteSize })),
      })),
    };
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
