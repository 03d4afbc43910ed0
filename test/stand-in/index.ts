/**
 * The strict Excel stand-in: Office.js as Excel really behaves (docs/excel-behaviours.md), for the
 * adapter tests in Node and, bundled, for the task pane in Chromium.
 */
import { excelGlobal, officeGlobal } from './api/excel';
import { CustomFunctionsHost } from './api/functions';
import type { Driver } from './driver';
import { createDriver } from './driver';
import type { StandInOptions } from './model';
import { Workbook } from './model';

export type { Driver, CellView, PivotInfo, ChartInfo } from './driver';
export type { StandInOptions } from './model';
export { RichApiError } from './errors';
export { PAYLOAD_LIMIT } from './api/context';

export function createStandIn(opts: StandInOptions = {}) {
  const book = new Workbook(opts);
  if (opts.functions) book.functions = new CustomFunctionsHost({ ...opts.functions, locale: book.locale });
  return {
    Excel: excelGlobal(book),
    Office: officeGlobal(book),
    CustomFunctions: book.functions?.global(),
    excel: createDriver(book),
  };
}

/** Puts `Excel` and `Office` on globalThis (for vitest); `uninstall()` restores what was there. */
export function installStandIn(opts: StandInOptions = {}): Driver {
  const g = globalThis as Record<string, unknown>;
  const before = { Excel: g.Excel, Office: g.Office, CustomFunctions: g.CustomFunctions };
  const s = createStandIn(opts);
  g.Excel = s.Excel;
  g.Office = s.Office;
  g.CustomFunctions = s.CustomFunctions;
  s.excel.uninstall = () => {
    g.Excel = before.Excel;
    g.Office = before.Office;
    g.CustomFunctions = before.CustomFunctions;
  };
  return s.excel;
}
