/** The Russian ЙЦУКЕН layout over the keys of the English QWERTY one: «пароль» typed with the wrong layout is «gfhjkm». */
const RU_KEYS = 'йцукенгшщзхъфывапролджэячсмитьбюё';
const EN_KEYS = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";

const toEnglishKeys = new Map([...RU_KEYS].map((letter, index) => [letter, EN_KEYS[index]!]));

/** The same keystrokes as if typed in the English layout (lower case): «пароль» → «gfhjkm», «qwerty» stays. */
export function asEnglishKeys(text: string): string {
  return [...text.toLowerCase()].map((character) => toEnglishKeys.get(character) ?? character).join('');
}
