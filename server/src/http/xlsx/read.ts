/**
 * Reading an uploaded workbook: is it ours (the meta sheet), where are the columns (by header, like
 * the add-in), and which rows changed against their baseline. Rows that must not be sent get a
 * per-row INVALID with a reason; nothing is guessed (docs/api.md#spreadsheets, "Numbers").
 */
import type ExcelJS from 'exceljs';
import { formatKind, isPercentUnit, percentPoints } from '../../../../schema/contract/cell-formats';
import { readValueCell, sameValue } from '../../../../schema/contract/cell-numbers';
import { normalizeText, parseStatusCell } from '../../../../schema/contract/cell-status';
import type { ObservationStatus } from '../../../../schema/contract/outcomes';
import type { ReasonCode } from '../../../../schema/contract/reasons';
import { badInput } from '../../common/errors';
import {
  DATA_SHEET,
  META_KEYS,
  META_SHEET,
  REQUIRED_COLUMNS,
  UPLOADABLE,
  XLSX_COLUMNS,
  XLSX_FORMAT,
  XLSX_HEADERS,
  type Baseline,
  type ExportKind,
  type XlsxColumn,
} from './layout';
import { Refusal } from './refusal';

/** What exceljs holds in a cell, reduced: formulas by their cached result, rich text and links by their text. */
export type Plain =
  | { kind: 'blank' }
  | { kind: 'number'; value: number }
  | { kind: 'text'; value: string }
  | { kind: 'date' }
  | { kind: 'bad'; shown: string };

export function plain(v: ExcelJS.CellValue): Plain {
  if (v === null || v === undefined) return { kind: 'blank' };
  if (typeof v === 'number')
    return Number.isFinite(v) ? { kind: 'number', value: v } : { kind: 'bad', shown: String(v) };
  if (typeof v === 'string') return v.trim() === '' ? { kind: 'blank' } : { kind: 'text', value: v };
  if (typeof v === 'boolean') return { kind: 'bad', shown: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return { kind: 'date' };
  if ('error' in v) return { kind: 'bad', shown: String(v.error) };
  if ('richText' in v) return plain(v.richText.map((t) => t.text).join(''));
  if ('formula' in v || 'sharedFormula' in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
  if ('text' in v) return plain(typeof v.text === 'string' ? v.text : null);
  return { kind: 'bad', shown: '?' };
}

export interface UploadMeta {
  kind: ExportKind;
  server: string;
  exportedAt: string;
}

/** The workbook's meta sheet: refused as foreign without it, as read-only for a comparison. */
export function readMeta(wb: ExcelJS.Workbook): UploadMeta & { dataSheet: string } {
  const ws = wb.getWorksheet(META_SHEET);
  if (!ws)
    throw new Refusal(
      badInput('XLSX_FOREIGN', `The workbook has no ${META_SHEET} sheet: it was not exported by chitieu`),
    );
  const values = new Map<string, string>();
  ws.eachRow((row) => {
    const k = plain(row.getCell(1).value);
    const v = plain(row.getCell(2).value);
    if (k.kind === 'text')
      values.set(k.value, v.kind === 'text' ? v.value : v.kind === 'number' ? String(v.value) : '');
  });
  if (!META_KEYS.every((k) => values.has(k)) || Number(values.get('format')) !== XLSX_FORMAT)
    throw new Refusal(
      badInput('XLSX_FOREIGN', `The ${META_SHEET} sheet is not one chitieu writes (format ${XLSX_FORMAT})`),
    );
  const kind = values.get('kind') as ExportKind;
  if (!UPLOADABLE.has(kind))
    throw new Refusal(
      badInput(
        kind === 'comparison' ? 'XLSX_NOT_UPLOADABLE' : 'XLSX_FOREIGN',
        `A ${kind} export cannot be uploaded: only the province long table and the term sheet`,
      ),
    );
  return {
    kind,
    server: values.get('server')!,
    exportedAt: values.get('exportedAt')!,
    dataSheet: values.get('dataSheet') || DATA_SHEET,
  };
}

export interface DataSheet {
  ws: ExcelJS.Worksheet;
  /** 1-based column numbers by column. */
  cols: Partial<Record<XlsxColumn, number>>;
}

/** The data sheet (by the name the meta sheet gives, or any sheet with the headers) and its columns. */
export function findDataSheet(wb: ExcelJS.Workbook, name: string): DataSheet {
  const headersOf = (ws: ExcelJS.Worksheet) => {
    const cols: Partial<Record<XlsxColumn, number>> = {};
    ws.getRow(1).eachCell((cell, n) => {
      const p = plain(cell.value);
      if (p.kind !== 'text') return;
      const c = XLSX_COLUMNS.find((x) => XLSX_HEADERS[x] === p.value.trim());
      if (c && cols[c] === undefined) cols[c] = n;
    });
    return cols;
  };
  const named = wb.getWorksheet(name);
  const candidates = named ? [named, ...wb.worksheets.filter((w) => w !== named)] : wb.worksheets;
  let best: { ws: ExcelJS.Worksheet; cols: Partial<Record<XlsxColumn, number>>; missing: XlsxColumn[] } | null = null;
  for (const ws of candidates) {
    if (ws.name === META_SHEET) continue;
    const cols = headersOf(ws);
    const missing = REQUIRED_COLUMNS.filter((c) => cols[c] === undefined);
    if (missing.length === 0) return { ws, cols };
    if (!best || missing.length < best.missing.length) best = { ws, cols, missing };
  }
  const lacking = (best?.missing ?? REQUIRED_COLUMNS).map((c) => `"${XLSX_HEADERS[c]}"`).join(', ');
  throw new Refusal(
    badInput(
      'XLSX_MISSING_COLUMNS',
      `Sheet "${best?.ws.name ?? name}" lacks the column(s) ${lacking} (row 1 must keep the exported headers)`,
    ),
  );
}

/** One row to push, as pushObservations takes it. */
export interface PushInput {
  unitCode: string;
  unitId?: string;
  indicatorCode: string;
  period: string;
  value: number | null;
  status: ObservationStatus;
  source: string | null;
  note: string | null;
  baseVersion?: number;
}

export interface SheetRow {
  /** 1-based row number in the sheet. */
  row: number;
  /** Refused before sending: the reason and what was wrong. */
  problem: { code: ReasonCode; message: string } | null;
  /** Sent (null: unchanged, or refused). */
  input: PushInput | null;
  /** A text value read as a number (said in the result column). */
  readAs: { text: string; value: number } | null;
}

export interface Indicators {
  get(code: string): { unit: string; decimals: number } | undefined;
}

const isBaseline = (x: unknown): x is Baseline =>
  Array.isArray(x) &&
  x.length === 9 &&
  typeof x[0] === 'string' &&
  (x[1] === null || typeof x[1] === 'string') &&
  typeof x[2] === 'string' &&
  typeof x[3] === 'string' &&
  typeof x[4] === 'number' &&
  typeof x[5] === 'string' &&
  typeof x[8] === 'number';

/**
 * The rows of the data sheet, each classified as the add-in's diff does (addin/src/sync/diff.ts):
 * a key with a baseline whose content changed is sent with the baseline's version (EDITED), an
 * emptied value deletes (CLEARED), a key without baseline and with a value is sent as new (ADDED),
 * anything else is unchanged and not sent. Rows removed from the sheet delete nothing.
 */
export function readRows(sheet: DataSheet, indicators: Indicators): SheetRow[] {
  const { ws, cols } = sheet;
  const out: SheetRow[] = [];
  const byKey = new Map<string, SheetRow[]>();
  const cell = (r: ExcelJS.Row, c: XlsxColumn) => (cols[c] === undefined ? null : r.getCell(cols[c]!));
  ws.eachRow((r, n) => {
    if (n === 1) return;
    const get = (c: XlsxColumn): Plain => {
      const x = cell(r, c);
      return x ? plain(x.value) : { kind: 'blank' };
    };
    const data: XlsxColumn[] = ['unitCode', 'indicatorCode', 'period', 'value', 'status', 'source', 'note'];
    if (data.every((c) => get(c).kind === 'blank')) return;
    const row: SheetRow = { row: n, problem: null, input: null, readAs: null };
    out.push(row);
    const refuse = (code: ReasonCode, message: string) => {
      row.problem ??= { code, message };
    };

    let base: Baseline | null = null;
    const b = get('baseline');
    if (b.kind === 'text') {
      try {
        const parsed: unknown = JSON.parse(b.value);
        if (isBaseline(parsed)) base = parsed;
        else refuse('XLSX_BAD_CELL', `Column "${XLSX_HEADERS.baseline}" was edited; download the table again`);
      } catch {
        refuse('XLSX_BAD_CELL', `Column "${XLSX_HEADERS.baseline}" was edited; download the table again`);
      }
    } else if (b.kind !== 'blank') refuse('XLSX_BAD_CELL', `Column "${XLSX_HEADERS.baseline}" was edited`);

    const code = (c: 'unitCode' | 'indicatorCode', known: string | null): string | null => {
      const p = get(c);
      if (p.kind === 'blank') return (refuse('XLSX_MISSING_KEY', `${XLSX_HEADERS[c]} is empty`), null);
      if (p.kind === 'text') return p.value.trim();
      if (p.kind === 'number') {
        // "01" typed into a General cell is 1: repaired only to the code this row was exported with.
        if (known !== null && /^\d+$/.test(known) && Number(known) === p.value) return known;
        return (
          refuse('XLSX_LOST_LEADING_ZERO', `${XLSX_HEADERS[c]} ${p.value} is a number; type the code as text`),
          null
        );
      }
      return (
        refuse(
          'XLSX_BAD_CELL',
          `${XLSX_HEADERS[c]} holds ${p.kind === 'date' ? 'a date' : (p as { shown: string }).shown}`,
        ),
        null
      );
    };
    const unitCode = code('unitCode', base?.[0] ?? null);
    const indicatorCode = code('indicatorCode', base?.[2] ?? null);
    let period: string | null = null;
    const p = get('period');
    if (p.kind === 'blank') refuse('XLSX_MISSING_KEY', `${XLSX_HEADERS.period} is empty`);
    else if (p.kind === 'text') period = p.value.trim();
    else if (p.kind === 'number' && Number.isInteger(p.value)) period = String(p.value);
    else
      refuse(
        'XLSX_BAD_CELL',
        `${XLSX_HEADERS.period} is ${p.kind === 'date' ? 'a date (Excel turned 2023-07 into one): format it as text' : 'not a period'}`,
      );
    if (unitCode === null || indicatorCode === null || period === null) return;

    const uid = get('unitId');
    const unitId = uid.kind === 'text' ? uid.value.trim() : null;
    const sameKey =
      base !== null &&
      base[0] === unitCode &&
      base[2] === indicatorCode &&
      base[3] === period &&
      (unitId === null || base[1] === null || base[1] === unitId);
    if (!sameKey) base = null;
    const key = JSON.stringify([unitCode, unitId ?? base?.[1] ?? null, indicatorCode, period]);
    byKey.set(key, [...(byKey.get(key) ?? []), row]);

    const ind = indicators.get(indicatorCode);
    let value: number | null = null;
    const v = get('value');
    const format = cols.value === undefined ? undefined : r.getCell(cols.value).numFmt;
    if (v.kind === 'date') refuse('XLSX_DATE_IN_VALUE', `The value cell is formatted as a date (${format})`);
    else if (v.kind === 'bad') refuse('XLSX_BAD_CELL', `The value cell holds ${v.shown}`);
    else if (v.kind === 'number') {
      const kind = formatKind(format);
      if (kind === 'date') refuse('XLSX_DATE_IN_VALUE', `The value cell is formatted as a date (${format})`);
      else if (kind === 'percent' && v.value !== 0) {
        if (isPercentUnit(ind?.unit)) value = percentPoints(v.value);
        else
          refuse(
            'XLSX_PERCENT_AMBIGUOUS',
            `The cell shows ${percentPoints(v.value)}% but ${indicatorCode} is measured in ${ind?.unit ?? 'an unknown unit'}: ${v.value} or ${percentPoints(v.value)}?`,
          );
      } else value = v.value;
    } else if (v.kind === 'text') {
      const t = readValueCell(v.value);
      if (t.kind === 'text' && t.suggestion !== null) {
        value = t.suggestion;
        row.readAs = { text: t.text, value: t.suggestion };
      } else if (t.kind === 'text')
        refuse(
          'XLSX_TEXT_NOT_NUMBER',
          t.candidates.length > 1
            ? `"${t.text}" is text and reads ${t.candidates.join(' or ')}; type the number again`
            : `"${t.text}" is not a number`,
        );
    }

    let status: ObservationStatus | null = null;
    const s = parseStatusCell(((x) => (x.kind === 'text' ? x.value : x.kind === 'blank' ? null : '?'))(get('status')));
    if (s.kind === 'ok') status = s.status;
    else if (s.kind === 'bad')
      refuse('INVALID_STATUS', `"${s.text}" is not a status (Ước đạt, Sơ bộ, Chính thức, Dự báo or the English names)`);
    const textOf = (c: 'source' | 'note') => {
      const x = get(c);
      return x.kind === 'text' ? normalizeText(x.value) : x.kind === 'number' ? String(x.value) : null;
    };
    const source = textOf('source');
    const note = textOf('note');
    if (row.problem) return;

    const idPart = unitId ?? base?.[1] ?? null;
    const keyPart = { unitCode, ...(idPart ? { unitId: idPart } : {}), indicatorCode, period };
    if (base === null) {
      if (value === null) return; // an empty row where the server has nothing: no change
      row.input = { ...keyPart, value, status: status ?? 'OFFICIAL', source, note };
      return;
    }
    const [, , , , bValue, bStatus, bSource, bNote, bVersion] = base;
    if (value === null) {
      row.input = { ...keyPart, value: null, status: status ?? bStatus, source, note, baseVersion: bVersion };
      return;
    }
    const valueChanged = !sameValue(bValue, value, ind?.decimals ?? null);
    const st = status ?? bStatus;
    const changed =
      valueChanged || st !== bStatus || source !== normalizeText(bSource) || note !== normalizeText(bNote);
    if (!changed) return;
    row.input = {
      ...keyPart,
      value: valueChanged ? value : bValue,
      status: st,
      source,
      note,
      baseVersion: bVersion,
    };
  });
  for (const group of byKey.values()) {
    if (group.length < 2) continue;
    const rows = group.map((g) => g.row).join(', ');
    for (const g of group) {
      g.problem = { code: 'XLSX_DUPLICATE_KEY', message: `The same unit, indicator and period is on rows ${rows}` };
      g.input = null;
      g.readAs = null;
    }
  }
  return out;
}
