/// <reference types="office-js" />
/**
 * The province comparison: a PivotTable over a long table, districts down the side, periods
 * across, the value summed (one current value per key, so the sum is that value), indicators as
 * the report filter, no grand totals; optionally the value in a number format and coloured by
 * value (the band pivot). Summing different indicators together means nothing, so where Excel can
 * filter pivot fields (ExcelApi 1.12) the first indicator is preselected; elsewhere the filter
 * starts at "(All)" and the task pane tells the user to pick one.
 */
import { runExcel, safeSheetName, supports } from './host';

export interface PivotSpec {
  /** The sheet holding the long table. */
  readonly sourceSheetId: string;
  readonly sourceTable: string;
  readonly pivotSheetName: string;
  readonly pivotName: string;
  readonly rowField: string;
  readonly columnField: string;
  readonly valueField: string;
  readonly filterField: string;
  /** Preselected filter item (an indicator name), where the Excel supports it. */
  readonly filterItem?: string | null;
  /** Further data fields beside the value (the rank beside each value), summed like it. */
  readonly moreValueFields?: readonly string[];
  /** Further report filters (the period type), each with its preselected item where supported. */
  readonly moreFilters?: readonly { readonly field: string; readonly item: string | null }[];
  /** How the value field is summarized (default Sum) and the number format it shows in. */
  readonly summarizeBy?: 'Sum' | 'Max';
  readonly numberFormat?: string;
  /**
   * Fills for cells showing these values (cell-value conditional formats, ExcelApi 1.6), over the
   * whole sheet: the sheet holds only this pivot, so whichever cells the user's filtering makes it
   * take, a number equal to a value is one of its data cells (labels are text, never equal to a number).
   */
  readonly fills?: readonly { readonly value: number; readonly fill: string }[];
  /** Show the pivot's sheet when done (default: yes). */
  readonly activate?: boolean;
}

export type PivotResult =
  | {
      readonly ok: true;
      readonly sheetId: string;
      readonly sheetName: string;
      readonly filtered: boolean;
      readonly syncs: number;
    }
  | { readonly ok: false; readonly reason: 'UNSUPPORTED' };

export async function createPivot(spec: PivotSpec): Promise<PivotResult> {
  if (!supports('pivot')) return { ok: false, reason: 'UNSUPPORTED' };
  return runExcel(async (ctx) => {
    let syncs = 0;
    const sheets = ctx.workbook.worksheets;
    let sheet = sheets.getItemOrNullObject(safeSheetName(spec.pivotSheetName));
    sheet.load('isNullObject');
    syncs++;
    await ctx.sync();
    if (sheet.isNullObject) sheet = sheets.add(safeSheetName(spec.pivotSheetName));
    else {
      // Re-running Compare replaces the pivot rather than stacking a second one on top.
      sheet.pivotTables.load('items/name');
      syncs++;
      await ctx.sync();
      for (const p of sheet.pivotTables.items) p.delete();
      sheet.getRange().clear();
      if (supports('conditionalFormat')) sheet.getRange().conditionalFormats.clearAll();
    }
    sheet.load('id, name');
    const source = sheets.getItem(spec.sourceSheetId).tables.getItem(spec.sourceTable);
    const pivot = sheet.pivotTables.add(spec.pivotName, source, sheet.getRange('A3'));
    pivot.rowHierarchies.add(pivot.hierarchies.getItem(spec.rowField));
    pivot.columnHierarchies.add(pivot.hierarchies.getItem(spec.columnField));
    for (const field of [spec.valueField, ...(spec.moreValueFields ?? [])]) {
      const data = pivot.dataHierarchies.add(pivot.hierarchies.getItem(field));
      data.summarizeBy = field === spec.valueField ? (spec.summarizeBy ?? 'Sum') : 'Sum';
      if (field === spec.valueField && spec.numberFormat) data.numberFormat = spec.numberFormat;
    }
    // Grand totals would add up growth rates of different units, and ranks: meaningless here.
    pivot.layout.showRowGrandTotals = false;
    pivot.layout.showColumnGrandTotals = false;
    if (spec.fills && supports('conditionalFormat'))
      for (const f of spec.fills) {
        const cf = sheet.getRange().conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.fill.color = f.fill;
        cf.cellValue.rule = { formula1: `=${f.value}`, operator: Excel.ConditionalCellValueOperator.equalTo };
      }
    pivot.filterHierarchies.add(pivot.hierarchies.getItem(spec.filterField));
    for (const f of spec.moreFilters ?? []) pivot.filterHierarchies.add(pivot.hierarchies.getItem(f.field));
    if (spec.activate !== false) sheet.activate();
    syncs++;
    await ctx.sync();
    let filtered = false;
    if (spec.filterItem && supports('pivotFilter')) {
      const field = pivot.filterHierarchies.getItem(spec.filterField).fields.getItem(spec.filterField);
      field.applyFilter({ manualFilter: { selectedItems: [spec.filterItem] } });
      for (const f of spec.moreFilters ?? [])
        if (f.item)
          pivot.filterHierarchies
            .getItem(f.field)
            .fields.getItem(f.field)
            .applyFilter({ manualFilter: { selectedItems: [f.item] } });
      syncs++;
      await ctx.sync();
      filtered = true;
    }
    return { ok: true, sheetId: sheet.id, sheetName: sheet.name, filtered, syncs };
  });
}

/**
 * Refreshes the PivotTables over the sheet's table `tableName` (absent for a binding that never
 * stored it: the sheet's first table) so they show what the add-in just wrote: a pivot shows
 * its cache, not the table, until refreshed (PivotTable.refresh, ExcelApi 1.3). Where Excel says what
 * a pivot's source is (ExcelApi 1.15) only the pivots over this table are refreshed; before that
 * every pivot of the workbook is, as Excel's own Refresh All would. Returns how many were refreshed.
 */
export async function refreshPivotsOver(sheetId: string, tableName?: string): Promise<number> {
  return runExcel(async (ctx) => {
    const pivots = ctx.workbook.pivotTables;
    pivots.load('items/name');
    const tables = ctx.workbook.worksheets.getItem(sheetId).tables;
    tables.load('items/name');
    await ctx.sync();
    const table = tableName ?? tables.items[0]?.name;
    if (pivots.items.length === 0 || !table) return 0;
    let over = pivots.items;
    if (supports('pivotSource')) {
      const sources = over.map((p) => ({ p, type: p.getDataSourceType(), source: p.getDataSourceString() }));
      await ctx.sync();
      const wanted = table.toLowerCase();
      over = sources
        .filter((s) => s.type.value === 'LocalTable' && s.source.value.toLowerCase() === wanted)
        .map((s) => s.p);
    }
    for (const p of over) p.refresh();
    await ctx.sync();
    return over.length;
  });
}
