/// <reference types="office-js" />
/**
 * Drop-down lists on data columns (the statuses), where Excel has list data validation (ExcelApi
 * 1.8). Input messages live in the same DataValidation object, and clearing one clears the other
 * (https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-data-validation), so whoever
 * clears validation (marks) puts the lists back with `applyLists`.
 */
import { rangeAddress } from './address';
import { supports } from './host';

/** A column whose cells offer a drop-down of `items` (ExcelApi 1.8 list data validation). */
export interface ListColumn {
  readonly col: number;
  readonly items: readonly string[];
}

/**
 * Puts the drop-down on rows [from, from + count) of each list column. Any older validation there is
 * cleared first (one rule per cell); marks re-apply it after clearing their input messages.
 */
export function applyLists(sheet: Excel.Worksheet, lists: readonly ListColumn[], from: number, count: number): void {
  if (count < 1 || !supports('listValidation')) return;
  for (const l of lists) {
    const range = sheet.getRange(rangeAddress(from, l.col, count, 1));
    range.dataValidation.clear();
    range.dataValidation.rule = { list: { inCellDropDown: true, source: l.items.join(',') } };
  }
}
