/**
 * Folds Vietnamese text for search: no diacritics, đ → d, lower case, single spaces.
 * Stored beside the name so that search ignores diacritics identically on SQLite and MySQL
 * (their collations disagree about "đ" and tone marks).
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Escapes LIKE wildcards so user text is matched literally. "!" is the escape character because
 * a backslash means different things inside SQL strings on MySQL and SQLite; use with ESCAPE '!'.
 */
export const escapeLike = (text: string) => text.replace(/[!%_]/g, (c) => `!${c}`);
