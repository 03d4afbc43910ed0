/**
 * Conditional formats (ExcelApi 1.6), two kinds, each giving a fill: what Excel shows over a cell's
 * own fill. Kept beside the workbook (per sheet) rather than in every cell, as Excel keeps them: a
 * rule covers a rectangle; the first matching rule (highest priority: the first added) wins.
 * - text ("ContainsText"): the cell's displayed text begins with, contains, ends with or does not
 *   contain a string, case-insensitively;
 * - cell value ("CellValue"): the cell's value compared with constants the way Excel's comparison
 *   operators compare: an empty cell counts as 0, a text is never equal to a number and is greater
 *   than any number (numbers sort before text), an error matches nothing.
 */
import type { Rect } from './address';
import { contains } from './address';
import type { Sheet, Value, Workbook } from './model';
import { asValue, CellError } from './model';

export interface TextRule {
  readonly kind: 'text';
  readonly id: string;
  readonly rect: Rect;
  operator: 'BeginsWith' | 'Contains' | 'EndsWith' | 'NotContains' | null;
  text: string | null;
  fill: string | null;
}

export const VALUE_OPERATORS = [
  'Between',
  'NotBetween',
  'EqualTo',
  'NotEqualTo',
  'GreaterThan',
  'LessThan',
  'GreaterThanOrEqual',
  'LessThanOrEqual',
] as const;

export interface ValueRule {
  readonly kind: 'value';
  readonly id: string;
  readonly rect: Rect;
  operator: (typeof VALUE_OPERATORS)[number] | null;
  /** The rule's constants (formula1, formula2), as numbers. */
  bounds: number[];
  fill: string | null;
}

export type Rule = TextRule | ValueRule;

const rules = new WeakMap<Sheet, Rule[]>();

export function rulesOf(sheet: Sheet): Rule[] {
  let r = rules.get(sheet);
  if (!r) rules.set(sheet, (r = []));
  return r;
}

/** Excel's comparison of a cell value with a number: -1, 0 or 1; null for an error. */
function compare(v: Value | null, n: number): number | null {
  if (v instanceof CellError) return null;
  if (v === null || v === '') return Math.sign(0 - n);
  if (typeof v === 'number') return Math.sign(v - n);
  return 1; // text and logical values: never equal to a number, and after every number
}

function valueMatches(rule: ValueRule, v: Value | null): boolean {
  const [a, b] = rule.bounds;
  if (rule.operator === null || a === undefined) return false;
  const c = compare(v, a);
  if (c === null) return false;
  switch (rule.operator) {
    case 'EqualTo':
      return c === 0;
    case 'NotEqualTo':
      return c !== 0;
    case 'GreaterThan':
      return c > 0;
    case 'LessThan':
      return c < 0;
    case 'GreaterThanOrEqual':
      return c >= 0;
    case 'LessThanOrEqual':
      return c <= 0;
    case 'Between':
    case 'NotBetween': {
      if (b === undefined) return false;
      const lo = compare(v, Math.min(a, b))!;
      const hi = compare(v, Math.max(a, b))!;
      const inside = lo >= 0 && hi <= 0;
      return rule.operator === 'Between' ? inside : !inside;
    }
  }
}

function matches(rule: TextRule, text: string): boolean {
  if (rule.operator === null || rule.text === null) return false;
  const t = text.toLowerCase();
  const x = rule.text.toLowerCase();
  switch (rule.operator) {
    case 'BeginsWith':
      return t.startsWith(x);
    case 'Contains':
      return t.includes(x);
    case 'EndsWith':
      return t.endsWith(x);
    case 'NotContains':
      return !t.includes(x);
  }
}

/** The fill a conditional format gives the cell now, or null (then the cell's own fill shows). */
export function conditionalFill(book: Workbook, sheet: Sheet, row: number, col: number): string | null {
  return fillFor(sheet, row, col, book.value(sheet, row, col));
}

/**
 * The fill the rules of `sheet` give a cell at (row, col) holding `value` (a cell of the sheet, or
 * one a PivotTable shows there).
 */
export function fillFor(sheet: Sheet, row: number, col: number, value: Value | null): string | null {
  const list = rules.get(sheet);
  if (!list?.length) return null;
  for (const r of list) {
    if (!r.fill || !contains(r.rect, row, col)) continue;
    if (r.kind === 'text' ? matches(r, String(asValue(value))) : valueMatches(r, value)) return r.fill;
  }
  return null;
}

/** Range.conditionalFormats.clearAll(): the rules that intersect the range are removed. */
export function clearRules(sheet: Sheet, rect: Rect): void {
  const list = rulesOf(sheet);
  const overlaps = (a: Rect) =>
    a.row < rect.row + rect.rows &&
    rect.row < a.row + a.rows &&
    a.col < rect.col + rect.cols &&
    rect.col < a.col + a.cols;
  rules.set(
    sheet,
    list.filter((r) => !overlaps(r.rect)),
  );
}
