import { badInput } from './errors';

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

/**
 * The LIKE pattern for a `search` argument (folded, wildcards escaped), or null when it folds to
 * nothing. Refused: over 100 characters, and control characters (U+0000 matched every row on SQLite
 * and none on MariaDB: one API, two answers).
 */
export function searchPattern(search: string): string | null {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(search))
    throw badInput('INVALID_SEARCH', 'search must not contain control characters', ['search']);
  const folded = foldForSearch(search);
  if (folded.length > 100) throw badInput('SEARCH_TOO_LONG', 'search must be at most 100 characters', ['search']);
  return folded ? `%${escapeLike(folded)}%` : null;
}
