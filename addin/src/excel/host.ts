/// <reference types="office-js" />
/**
 * The one place that knows which Office.js features the running Excel has. The manifest asks for
 * ExcelApi 1.4 (Office 2016 click-to-run and later, Excel 2019, LTSC, the web); everything newer
 * is probed here so the add-in degrades feature by feature instead of refusing to load.
 */

export type Feature =
  /** PivotTables (Compare). */
  | 'pivot'
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
  | 'freeze';

const MIN_VERSION: Readonly<Record<Feature, string>> = {
  pivot: '1.8',
  pivotFilter: '1.12',
  prompt: '1.8',
  listValidation: '1.8',
  suspendCalc: '1.6',
  suspendScreen: '1.9',
  freeze: '1.7',
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
 * Calls back once Office.js is ready, with whether the host is Excel; at once with false when
 * Office.js is absent (the page opened in a plain browser, or Microsoft's CDN unreachable).
 */
export function whenHostReady(callback: (inExcel: boolean) => void): void {
  if (typeof Office === 'undefined') callback(false);
  else void Office.onReady((info) => callback(info.host === Office.HostType.Excel));
}
