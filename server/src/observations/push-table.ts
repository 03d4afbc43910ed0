import { badInput } from '../common/errors';
import type { RawRow } from './push-validate';

/** The columns a pushObservationTable row may carry: ObservationRowInput's fields. */
export const PUSH_TABLE_COLUMNS = [
  'unitCode',
  'unitId',
  'indicatorCode',
  'period',
  'value',
  'status',
  'source',
  'note',
  'baseVersion',
] as const;
export type PushTableColumn = (typeof PUSH_TABLE_COLUMNS)[number];
const KNOWN = new Set<string>(PUSH_TABLE_COLUMNS);
/** What every table must name (a row without a value column would delete every key it names). */
const REQUIRED: readonly PushTableColumn[] = ['unitCode', 'indicatorCode', 'period', 'value'];

const invalid = (message: string, field: (string | number)[]) =>
  badInput('INVALID_TABLE', message, ['input', ...field.map(String)]);

/**
 * The rows of a compact push (`columns` + one array per row) as the rows of pushObservations: the
 * shape is checked here (a top-level INVALID_TABLE), the cells later like any row's fields (a cell of
 * the wrong type makes its row INVALID). A null cell is an omitted field.
 */
export function tableRows(columns: readonly string[], rows: unknown): RawRow[] {
  const seen = new Set<string>();
  columns.forEach((c, i) => {
    if (!KNOWN.has(c))
      throw invalid(`Unknown column "${String(c).slice(0, 40)}": use ${PUSH_TABLE_COLUMNS.join(', ')}`, ['columns', i]);
    if (seen.has(c)) throw invalid(`Column "${c}" is named twice`, ['columns', i]);
    seen.add(c);
  });
  const missing = REQUIRED.filter((c) => !seen.has(c));
  if (missing.length) throw invalid(`The columns must include ${missing.join(', ')}`, ['columns']);
  if (!Array.isArray(rows)) throw invalid('rows must be an array of rows, each an array of cells', ['rows']);
  const names = columns as readonly PushTableColumn[];
  const width = names.length;
  const out: RawRow[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const cells: unknown = rows[i];
    if (!Array.isArray(cells) || cells.length !== width)
      throw invalid(`Row ${i} must be an array of ${width} cells, one per column`, ['rows', i]);
    const row: RawRow = { unitCode: undefined, indicatorCode: undefined, period: undefined };
    for (let j = 0; j < width; j++) row[names[j]] = cells[j];
    out[i] = row;
  }
  return out;
}
