/**
 * Conditional formats (ExcelApi 1.6), the text kind only ("ContainsText": cells whose text begins
 * with, contains, ends with or does not contain a string get a fill): what Excel shows over a cell's
 * own fill. Kept beside the workbook (per sheet) rather than in every cell, as Excel keeps them: a
 * rule covers a rectangle and is evaluated on the cell's displayed text, case-insensitively; the
 * first matching rule (highest priority: the first added) wins.
 */
import type { Rect } from './address';
import { contains } from './address';
import type { Sheet, Workbook } from './model';
import { asValue } from './model';

export interface TextRule {
  readonly id: string;
  readonly rect: Rect;
  operator: 'BeginsWith' | 'Contains' | 'EndsWith' | 'NotContains' | null;
  text: string | null;
  fill: string | null;
}

const rules = new WeakMap<Sheet, TextRule[]>();

export function rulesOf(sheet: Sheet): TextRule[] {
  let r = rules.get(sheet);
  if (!r) rules.set(sheet, (r = []));
  return r;
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
  const list = rules.get(sheet);
  if (!list?.length) return null;
  const text = String(asValue(book.value(sheet, row, col)));
  for (const r of list) if (r.fill && contains(r.rect, row, col) && matches(r, text)) return r.fill;
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
