import type { KbArticle } from '../../shared/contract/support';
import type { DeskDelivery, DeskInbox, SupportDesk } from '../core/support/ports';

const SUGGESTIONS = 3;

const words = {
  ru: {
    received: 'Здравствуйте! Ваше обращение получено, это автоматический ответ службы поддержки.',
    replyReceived: 'Спасибо, ваше сообщение добавлено к обращению.',
    articles: 'Похоже, на ваш вопрос отвечают эти статьи базы знаний:',
    noArticles: 'Подходящих статей в базе знаний не нашлось. Опишите, пожалуйста, подробнее: номер, время и что именно произошло.',
    more: 'Если статьи не помогли, напишите ответ в этом обращении — мы продолжим. Если вопрос решён, закройте обращение.',
    screenshot: 'Скриншот приложен к обращению.',
  },
  en: {
    received: 'Hello! We have received your request; this is the support desk’s automatic answer.',
    replyReceived: 'Thank you, your message has been added to the request.',
    articles: 'These knowledge-base articles seem to answer your question:',
    noArticles: 'We found no matching articles. Please tell us more: the number, the time and what exactly happened.',
    more: 'If the articles do not help, reply in this request and we will go on. If your question is solved, close the request.',
    screenshot: 'The screenshot is attached to the request.',
  },
};

/**
 * The support desk embedded in the app: with no operator's helpdesk behind it, it takes every request at once
 * and answers with an acknowledgement and the knowledge-base articles that best match the subscriber's words,
 * in the language they wrote in. A real desk implements SupportDesk the same way and answers later.
 */
export class EmbeddedSupportDesk implements SupportDesk {
  constructor(private readonly search: (text: string, limit: number) => Promise<KbArticle[]>) {}

  async deliver(delivery: DeskDelivery, inbox: DeskInbox): Promise<void> {
    const language = /[а-яё]/i.test(delivery.text) ? 'ru' : 'en';
    const say = words[language];
    await inbox.taken(delivery.requestId);
    const articles = await this.search(delivery.text, SUGGESTIONS);
    const lines = [delivery.kind === 'new-request' ? say.received : say.replyReceived];
    if (delivery.hasAttachment) lines.push(say.screenshot);
    if (articles.length > 0) lines.push(say.articles, ...articles.map((article) => `• ${article.title[language]}`), say.more);
    else lines.push(say.noArticles);
    await inbox.answered(delivery.requestId, { text: lines.join('\n'), articleIds: articles.map((article) => article.id) });
  }
}
