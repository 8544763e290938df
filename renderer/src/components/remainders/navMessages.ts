import type { Language } from '../../../../shared/contract/settings';

/** The menu entries of «Остатки» (the new view's nav and the classic menu): a few words, merged in by the layouts. */
export const remaindersNavMessages: Record<Language, Record<string, unknown>> = {
  ru: { remainders: { nav: 'Остатки: обмен и маркет' }, classic: { menu: { remainders: 'Обмен, подарок и маркет остатков' } } },
  en: { remainders: { nav: 'Remainders: exchange & market' }, classic: { menu: { remainders: 'Exchange, give and trade remainders' } } },
};
