/// <reference types="office-js" />
/**
 * The one place that knows which Office.js features the running Excel has. The manifest asks for
 * ExcelApi 1.4; everything newer is probed here so the add-in degrades feature by feature instead
 * of refusing to load. Where each set exists (Microsoft's requirement-set table,
 * https://learn.microsoft.com/javascript/api/requirement-sets/excel/excel-api-requirement-sets):
 * Excel 2019 volume-licensed stops at 1.7 (and shows add-ins in Internet Explorer 11, where the pane
 * cannot run at all); volume-licensed Excel 2021 (LTSC 2021) has up to 1.14, 2024 up to 1.17;
 * Microsoft 365, retail copies and Mac go by build (1.8 from Version 1808, Mac 16.17; 1.12 from
 * Version 2008, Mac 16.40); Excel on the web has them all. Excel 2016 volume-licensed (1.1) never
 * loads the add-in.
 */

export type Feature =
  /** Creating PivotTables (Compare). */
  | 'pivot'
  /** Refreshing PivotTables, the add-in's or the user's own, after the sheet under them changed. */
  | 'pivotRefresh'
  /** PivotField filters, to preselect one indicator in the pivot's filter. */
  | 'pivotFilter'
  /** Input-message prompts, used to annotate marked cells. */
  | 'prompt'
  /** List data validation: the status column's drop-down. */
  | 'listValidation'
  /** Suspending recalculation while writing. */
  | 'suspendCalc'
  /** Suspending screen updating while writing. */
  | 'suspendScreen'
  /** Freezing the header row. */
  | 'freeze'
  /** Table.resize: a refresh grows or shrinks the table in place (else rows are added or deleted). */
  | 'tableResize'
  /** PivotTable.getDataSourceType/String: refresh only the pivots over a given table (else all). */
  | 'pivotSource'
  /** Conditional formats: the comparison sheet's band column coloured by its text. */
  | 'conditionalFormat'
  /** Charts: the ranking and progress charts beside the comparison. */
  | 'charts';

const MIN_VERSION: Readonly<Record<Feature, string>> = {
  pivot: '1.8',
  pivotRefresh: '1.3',
  pivotFilter: '1.12',
  prompt: '1.8',
  listValidation: '1.8',
  suspendCalc: '1.6',
  suspendScreen: '1.9',
  freeze: '1.7',
  tableResize: '1.13',
  pivotSource: '1.15',
  conditionalFormat: '1.6',
  charts: '1.1',
};

/** The requirement set the manifest declares; below it the add-in does not load at all. */
export const BASE_REQUIREMENT = { name: 'ExcelApi', version: '1.4' } as const;

export function supports(feature: Feature): boolean {
  try {
    return (
      typeof Office !== 'undefined' &&
      Office.context?.requirements?.isSetSupported('ExcelApi', MIN_VERSION[feature]) === true
    );
  } catch {
    return false;
  }
}

export function minimumVersion(feature: Feature): string {
  return MIN_VERSION[feature];
}

/** Runs a batch against the workbook. A thin seam so tests can count what happens inside. */
export function runExcel<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
  return Excel.run(batch);
}

/**
 * Queues "do not recalculate / do not repaint until the next sync" where supported. Must be
 * called again before every sync it should cover: both lapse at the sync.
 */
export function suspendUntilNextSync(ctx: Excel.RequestContext): void {
  if (supports('suspendCalc')) ctx.application.suspendApiCalculationUntilNextSync();
  if (supports('suspendScreen')) ctx.application.suspendScreenUpdatingUntilNextSync();
}

/** Excel's rules for sheet names: ≤ 31 characters, none of : \ / ? * [ ], not blank. */
export function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[:\\/?*[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^'+|'+$/g, '');
  return (cleaned || 'Sheet').slice(0, 31).trim();
}

/**
 * A table name Excel accepts and the workbook does not use yet, from `wanted`: letters, digits, "_"
 * and "." only (diacritics dropped: "Hà Trung" → "Ha_Trung"), starting with a letter or "_", not
 * readable as a cell reference ("A1", "R1C1"), at most 255 characters. Excel compares names
 * case-insensitively; taken ones get "_2", "_3", …
 */
export function uniqueTableName(wanted: string, taken: readonly string[]): string {
  let base = wanted
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^A-Za-z0-9_.]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_|_$/g, '');
  if (!/^[A-Za-z_]/.test(base) || /^[A-Za-z]{1,3}\d+$|^[Rr]\d*([Cc]\d*)?$|^[Cc]\d*$/.test(base)) {
    base = `T_${base}`;
  }
  base = base.slice(0, 240);
  const used = new Set(taken.map((n) => n.toLowerCase()));
  if (!used.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}_${i}`.toLowerCase())) return `${base}_${i}`;
}

/**
 * Calls back once Office.js is ready, with whether the host is Excel (false: the page opened in a
 * plain browser). Never when Office.js is absent (Microsoft's CDN unreachable): the page's
 * bootstrap (addin/public/bootstrap.js) says so, with a retry, and one message is enough.
 */
export function whenHostReady(callback: (inExcel: boolean) => void): void {
  if (typeof Office !== 'undefined') void Office.onReady((info) => callback(info.host === Office.HostType.Excel));
}
