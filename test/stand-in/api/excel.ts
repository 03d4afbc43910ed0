/** The globals the add-in sees: `Excel` (run, RequestContext) and `Office` (onReady, requirements). */
import { parseAddress } from '../address';
import { fail, RichApiError } from '../errors';
import type { Workbook } from '../model';
import { Batch } from './context';
import { PivotTableCollection } from './pivot';
import { Range } from './range';
import { TableCollection } from './table';
import { WorksheetCollection } from './worksheet';

export class RequestContext {
  readonly _batch: Batch;
  readonly workbook;
  readonly application;

  constructor(book: Workbook) {
    const batch = (this._batch = new Batch(book));
    const application = {
      suspendApiCalculationUntilNextSync: () => {
        batch.requires('1.6', 'Application.suspendApiCalculationUntilNextSync');
        batch.enqueue({ op: 'suspendApiCalculationUntilNextSync', run: () => {} });
      },
      suspendScreenUpdatingUntilNextSync: () => {
        batch.requires('1.9', 'Application.suspendScreenUpdatingUntilNextSync');
        batch.enqueue({ op: 'suspendScreenUpdatingUntilNextSync', run: () => {} });
      },
      /** ExcelApi 1.1: recalculates every formula; custom function cells answer when their promises settle. */
      calculate: (calculationType: string) => {
        if (!['Recalculate', 'Full', 'FullRebuild'].includes(calculationType))
          fail('InvalidArgument', `Not an Excel.CalculationType: ${calculationType}`);
        batch.enqueue({
          op: 'calculate',
          args: calculationType,
          run: () => {
            if (book.functions) book.calculations.push(book.functions.recalculate());
          },
        });
      },
    };
    this.workbook = {
      application,
      worksheets: new WorksheetCollection(batch),
      tables: new TableCollection(batch, null),
      get pivotTables() {
        return new PivotTableCollection(batch, null);
      },
      getSelectedRange: () =>
        new Range(
          batch,
          () => book.sheet(book.selection?.sheet ?? book.activeSheetId) ?? fail('ItemNotFound', 'No active sheet.'),
          () => {
            const s = book.selection;
            return s ? (parseAddress(s.address) ?? null) : { row: 0, col: 0, rows: 1, cols: 1 };
          },
          '(selection)',
        ),
    };
    this.application = application;
  }

  sync(): Promise<void> {
    return this._batch.sync();
  }
}

/** Excel.run: one request context for the batch function, and a last sync for what it queued after its own. */
export function excelGlobal(book: Workbook) {
  return {
    run: async <T>(batch: (ctx: RequestContext) => Promise<T>): Promise<T> => {
      book.runs++;
      try {
        const ctx = new RequestContext(book);
        const result = await batch(ctx);
        if (ctx._batch.pending) await ctx.sync();
        return result;
      } finally {
        book.onChange?.();
      }
    },
    RequestContext,
    ErrorCodes: {
      accessDenied: 'AccessDenied',
      apiNotFound: 'ApiNotFound',
      invalidArgument: 'InvalidArgument',
      invalidOperation: 'InvalidOperation',
      invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
      invalidReference: 'InvalidReference',
      itemAlreadyExists: 'ItemAlreadyExists',
      itemNotFound: 'ItemNotFound',
      pivotTableRangeConflict: 'PivotTableRangeConflict',
      requestPayloadSizeLimitExceeded: 'RequestPayloadSizeLimitExceeded',
      responsePayloadSizeLimitExceeded: 'ResponsePayloadSizeLimitExceeded',
    },
    ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
    SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
    // The enums' values are Excel's own (office-js: Excel.AggregationFunction, ConditionalFormatType,
    // ConditionalCellValueOperator); the members the stand-in does not model are refused where used.
    AggregationFunction: {
      unknown: 'Unknown',
      automatic: 'Automatic',
      sum: 'Sum',
      count: 'Count',
      average: 'Average',
      max: 'Max',
      min: 'Min',
      product: 'Product',
      countNumbers: 'CountNumbers',
      standardDeviation: 'StandardDeviation',
      standardDeviationP: 'StandardDeviationP',
      variance: 'Variance',
      varianceP: 'VarianceP',
    },
    ConditionalFormatType: {
      custom: 'Custom',
      dataBar: 'DataBar',
      colorScale: 'ColorScale',
      iconSet: 'IconSet',
      topBottom: 'TopBottom',
      presetCriteria: 'PresetCriteria',
      containsText: 'ContainsText',
      cellValue: 'CellValue',
    },
    ConditionalCellValueOperator: {
      invalid: 'Invalid',
      between: 'Between',
      notBetween: 'NotBetween',
      equalTo: 'EqualTo',
      notEqualTo: 'NotEqualTo',
      greaterThan: 'GreaterThan',
      lessThan: 'LessThan',
      greaterThanOrEqual: 'GreaterThanOrEqual',
      lessThanOrEqual: 'LessThanOrEqual',
    },
    CalculationType: { recalculate: 'Recalculate', full: 'Full', fullRebuild: 'FullRebuild' },
  };
}

export function officeGlobal(book: Workbook) {
  return {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
    context: {
      get platform() {
        return book.platform;
      },
      get displayLanguage() {
        return book.locale;
      },
      requirements: {
        isSetSupported: (name: string, version?: string) =>
          name === 'ExcelApi'
            ? book.supports(version ?? '1.1')
            : (book.functions?.supports(name, version ?? '1.1') ?? false),
      },
    },
    onReady(cb?: (info: { host: string; platform: string }) => void) {
      const info = { host: 'Excel', platform: book.platform };
      return new Promise((resolve) =>
        setTimeout(() => {
          cb?.(info);
          resolve(info);
        }, 0),
      );
    },
  };
}

export { RichApiError };
