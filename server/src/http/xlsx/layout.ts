/**
 * The workbook layout of the .xlsx exports: the add-in's long table (schema/contract/long-table.ts,
 * same Vietnamese headers) plus two columns the add-in keeps elsewhere, and a very hidden sheet
 * saying what the workbook is.
 *
 * - `baseline` (hidden): what the server held when the row was exported — key, content, version —
 *   as JSON. It plays the part of the add-in's baseline (its `chitieu_state` sheet): a row whose
 *   content differs from it is sent with its version as `baseVersion`, so a value someone else
 *   changed since comes back CONFLICT. A row whose key no longer matches it (edited or copied) is
 *   sent as new, like a row typed under the table.
 * - `result`: empty on export; the upload writes each row's outcome there.
 */
import { LONG_COLUMNS, LONG_HEADERS, type LongColumn } from '../../../../schema/contract/long-table';
import type { ObservationStatus } from '../../../../schema/contract/outcomes';

export type XlsxColumn = LongColumn | 'baseline' | 'result';

export const XLSX_COLUMNS: readonly XlsxColumn[] = [...LONG_COLUMNS, 'baseline', 'result'];

export const XLSX_HEADERS: Readonly<Record<XlsxColumn, string>> = {
  ...LONG_HEADERS,
  baseline: 'Dữ liệu gốc (không sửa)',
  result: 'Kết quả',
};

/** Columns an upload needs; the others (names, unit of measure, version, unit id) are optional. */
export const REQUIRED_COLUMNS: readonly XlsxColumn[] = [
  'unitCode',
  'indicatorCode',
  'period',
  'value',
  'status',
  'source',
  'note',
  'baseline',
];

export const HIDDEN_COLUMNS: readonly XlsxColumn[] = ['version', 'unitId', 'baseline'];
/** Everything but the figures is text ('@'): "01" and "2023-07" stay as typed, in new rows too. */
export const NUMBER_COLUMNS: readonly XlsxColumn[] = ['value', 'version'];

export const COLUMN_WIDTHS: Readonly<Record<XlsxColumn, number>> = {
  unitCode: 10,
  unitName: 28,
  indicatorCode: 16,
  indicatorName: 40,
  unitOfMeasure: 12,
  period: 10,
  value: 14,
  status: 12,
  source: 24,
  note: 24,
  version: 8,
  unitId: 14,
  baseline: 10,
  result: 60,
};

/** The stored row a sheet row came from: [unitCode, unitId, indicatorCode, period, value, status, source, note, version]. */
export type Baseline = [
  string,
  string | null,
  string,
  string,
  number,
  ObservationStatus,
  string | null,
  string | null,
  number,
];

export const DATA_SHEET = 'Số liệu';
export const META_SHEET = 'chitieu_export';
export const SUMMARY_SHEET = 'Kết quả tải lên';
/** Bumped when the layout changes incompatibly; an upload refuses a format it does not know. */
export const XLSX_FORMAT = 1;

export type ExportKind = 'province' | 'term' | 'comparison';
export const UPLOADABLE: ReadonlySet<ExportKind> = new Set(['province', 'term']);

export interface ExportMeta {
  readonly format: number;
  readonly kind: ExportKind;
  readonly filter: Record<string, unknown>;
  readonly server: string;
  readonly exportedAt: string;
  readonly dataSheet: string | null;
}

export const META_KEYS = ['chitieu', 'format', 'kind', 'filter', 'server', 'exportedAt', 'dataSheet'] as const;

/** The meta sheet's rows: key in A, value in B. */
export function metaRows(m: ExportMeta): [string, string | number][] {
  return [
    ['chitieu', 'Bảng xuất từ Chỉ tiêu: không sửa trang này / chitieu export: do not edit this sheet'],
    ['format', m.format],
    ['kind', m.kind],
    ['filter', JSON.stringify(m.filter)],
    ['server', m.server],
    ['exportedAt', m.exportedAt],
    ['dataSheet', m.dataSheet ?? ''],
  ];
}

/** Fill colours (ARGB) by outcome: green written, grey unchanged, amber conflict, blue-grey locked, red refused. */
export const OUTCOME_FILLS: Readonly<Record<string, string>> = {
  CREATED: 'FFC6EFCE',
  UPDATED: 'FFC6EFCE',
  DELETED: 'FFC6EFCE',
  UNCHANGED: 'FFEDEDED',
  CONFLICT: 'FFFFEB9C',
  LOCKED: 'FFD9E1F2',
  INVALID: 'FFFFC7CE',
  FORBIDDEN: 'FFFFC7CE',
  /** A row that would have been written, but the atomic upload wrote nothing. */
  NOT_WRITTEN: 'FFFFF2CC',
};
