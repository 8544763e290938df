/**
 * What a knowledge-base search looks for: the words of a query reduced to stems, so that a prefix match finds
 * the other forms of a word ("баланса" → "баланс", which finds "баланс", "баланса", "балансе"). A light
 * suffix-stripping stemmer: Russian nouns, adjectives and verbs change their endings, rarely their stems.
 */

const RUSSIAN_ENDINGS = [
  'иями', 'ями', 'ами', 'ией', 'иям', 'ием', 'иях', 'ого', 'его', 'ому', 'ему', 'ыми', 'ими', 'ать', 'ять', 'ить', 'еть', 'ешь', 'ишь',
  'ают', 'яют', 'ует', 'ает', 'яет', 'ется', 'ится', 'ться', 'ся', 'сь', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'ый', 'ий', 'ой', 'ом', 'ем', 'ам', 'ям',
  'ах', 'ях', 'ию', 'ью', 'ия', 'ья', 'ов', 'ев', 'ей', 'ет', 'ут', 'ют', 'ит', 'ат', 'ят', 'ы', 'и', 'а', 'я', 'о', 'е', 'у', 'ю', 'ь', 'й',
].sort((a, b) => b.length - a.length);
const ENGLISH_ENDINGS = ['ing', 'ies', 'ed', 'es', 's'];

const STOP_WORDS = new Set([
  // Russian
  'как', 'что', 'это', 'мне', 'меня', 'мой', 'моя', 'мое', 'мои', 'моего', 'моей', 'при', 'для', 'или', 'уже', 'нет', 'так', 'все', 'всё', 'где',
  'когда', 'почему', 'можно', 'нельзя', 'пожалуйста', 'здравствуйте', 'добрый', 'день', 'вечер', 'спасибо', 'после', 'через', 'чтобы', 'который',
  'которые', 'есть', 'было', 'был', 'была', 'будет', 'этот', 'эта', 'эти', 'тот', 'там', 'тут', 'вас', 'вам', 'ваш', 'наш', 'еще', 'ещё', 'очень',
  'не', 'на', 'но', 'да', 'по', 'из', 'от', 'до', 'за', 'же', 'ли', 'бы', 'во', 'со', 'об', 'то', 'он', 'она', 'они', 'мы', 'вы', 'его', 'ее', 'её',
  'их', 'без', 'под', 'над', 'про', 'чем', 'чего', 'кто', 'какой', 'какая', 'какие', 'сейчас', 'тоже', 'также', 'только', 'если', 'хочу', 'могу',
  // English
  'the', 'and', 'for', 'with', 'how', 'what', 'why', 'can', 'not', 'does', 'did', 'was', 'are', 'you', 'your', 'my', 'our', 'this', 'that',
  'from', 'have', 'has', 'please', 'hello', 'there', 'when', 'where', 'into', 'is', 'it', 'to', 'of', 'in', 'on', 'an', 'do', 'me', 'be',
]);

const MIN_STEM = 4;
const MAX_TERMS = 12;

/** ё is written as е as often as not. */
export function foldText(text: string): string {
  return text.toLowerCase().replaceAll('ё', 'е');
}

export function stem(word: string): string {
  const endings = /[а-я]/.test(word) ? RUSSIAN_ENDINGS : ENGLISH_ENDINGS;
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

/** The distinct stems of a query's meaningful words, in the order typed; at most 12. */
export function searchTerms(query: string): string[] {
  const words = foldText(query).match(/[\p{L}\p{N}]+/gu) ?? [];
  const terms: string[] = [];
  for (const word of words) {
    if (word.length < 2 || STOP_WORDS.has(word)) continue;
    const term = stem(word);
    if (!terms.includes(term)) terms.push(term);
    if (terms.length === MAX_TERMS) break;
  }
  return terms;
}
