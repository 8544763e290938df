import type { KbArticle } from './model';
import type { UnitOfWork } from '../unitOfWork';
import type { KnowledgeArticle } from './ports';
import { searchTerms } from './searchTerms';

const SEARCH_LIMIT = 8;

/** The knowledge base of common questions: operator data, searched by the words of a question. */
export class KnowledgeBase {
  constructor(private readonly uow: UnitOfWork) {}

  /** Articles for the words typed, best first; no words (an empty query) lists every article. */
  async search(query: string, limit = SEARCH_LIMIT): Promise<KbArticle[]> {
    const terms = searchTerms(query);
    return this.uow.read(async (repos) => {
      if (terms.length === 0) return query.trim() === '' ? repos.knowledgeBase.all() : [];
      const matches = await repos.knowledgeBase.search(terms, limit);
      const articles = new Map((await repos.knowledgeBase.byIds(matches.map((match) => match.articleId))).map((article) => [article.id, article]));
      return matches.flatMap((match) => articles.get(match.articleId) ?? []);
    });
  }

  /** Makes the stored knowledge base what the operator data says, only if it differs. */
  async sync(articles: KnowledgeArticle[]): Promise<boolean> {
    const stored = await this.uow.read((repos) => repos.knowledgeBase.all());
    if (JSON.stringify(stored) === JSON.stringify(articles.map(({ id, topic, title, body }) => ({ id, topic, title, body })))) return false;
    await this.uow.write((repos) => repos.knowledgeBase.replaceAll(articles));
    return true;
  }
}
