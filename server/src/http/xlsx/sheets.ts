import type ExcelJS from 'exceljs';
import { STATUS_LABELS_VI } from '../../../../schema/contract/cell-status';
import type { ObservationStatus } from '../../../../schema/contract/outcomes';
import {
  COLUMN_WIDTHS,
  HIDDEN_COLUMNS,
  metaRows,
  NUMBER_COLUMNS,
  XLSX_COLUMNS,
  XLSX_HEADERS,
  type Baseline,
  type ExportMeta,
  type XlsxColumn,
} from './layout';

/** Works on both exceljs workbooks: the in-memory one and the streaming writer. */
type AnyWorkbook = Pick<ExcelJS.Workbook, 'addWorksheet'>;

/** The very hidden sheet saying what the workbook is (an upload tells a chitieu workbook by it). */
export function addMetaSheet(wb: AnyWorkbook, meta: ExportMeta, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { state: 'veryHidden' });
  ws.columns = [
    { key: 'k', width: 14, style: { numFmt: '@' } },
    { key: 'v', width: 80, style: { numFmt: '@' } },
  ];
  for (const [k, v] of metaRows(meta)) ws.addRow([k, v]);
  return ws;
}

/**
 * Opens the workbook on sheet `index` (0-based, also the first tab shown). Without a book view a
 * workbook opens on its first sheet: in the streamed exports that is the very hidden meta sheet, and
 * LibreOffice, which cannot open on a hidden sheet, shows it and saves it visible (seen in the
 * LibreOffice test: the meta sheet came back `state="visible"`).
 */
export function openOn(wb: { views: ExcelJS.WorkbookView[] }, index: number): void {
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: index, activeTab: index, visibility: 'visible' }];
}

/** The long table's header and column formats: text columns '@', hidden bookkeeping columns. */
export function addLongSheet(wb: AnyWorkbook, name: string): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = XLSX_COLUMNS.map((c) => ({
    header: XLSX_HEADERS[c],
    key: c,
    width: COLUMN_WIDTHS[c],
    hidden: HIDDEN_COLUMNS.includes(c),
    style: { numFmt: NUMBER_COLUMNS.includes(c) ? 'General' : '@' },
  }));
  ws.getRow(1).font = { bold: true };
  return ws;
}

export interface LongRow {
  unitCode: string;
  unitName: string | null;
  indicatorCode: string;
  indicatorName: string | null;
  unitOfMeasure: string | null;
  period: string;
  /** null: an empty row to fill in (the term sheet's target × year without a value). */
  value: number | null;
  status: ObservationStatus | null;
  source: string | null;
  note: string | null;
  version: number | null;
  unitId: string | null;
}

export function baselineOf(r: LongRow): Baseline | null {
  if (r.value === null || r.version === null || r.status === null) return null;
  return [r.unitCode, r.unitId, r.indicatorCode, r.period, r.value, r.status, r.source, r.note, r.version];
}

/** A row's cells in XLSX_COLUMNS order. */
export function longCells(r: LongRow): Record<XlsxColumn, string | number | null> {
  const base = baselineOf(r);
  return {
    unitCode: r.unitCode,
    unitName: r.unitName,
    indicatorCode: r.indicatorCode,
    indicatorName: r.indicatorName,
    unitOfMeasure: r.unitOfMeasure,
    period: r.period,
    value: r.value,
    status: r.status === null ? null : STATUS_LABELS_VI[r.status],
    source: r.source,
    note: r.note,
    version: r.version,
    unitId: r.unitId,
    baseline: base === null ? null : JSON.stringify(base),
    result: null,
  };
}
