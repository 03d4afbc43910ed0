import { parse } from 'csv-parse/sync';
import type { RawRow } from '../observations/push-validate';

/** The long format the add-in pulls and pushes: one observation per line. */
export const CSV_COLUMNS = ['unit_code', 'indicator_code', 'period', 'value', 'status', 'source', 'note'] as const;
export const OPTIONAL_COLUMNS = ['base_version', 'unit_id'] as const;

export class CsvFormatError extends Error {}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Parses the CSV into push rows. Cells are taken as written (no trimming of source and note, which
 * are stored verbatim); an empty value cell deletes, an empty status means OFFICIAL. A cell that is
 * not a number is passed on as text, so the push reports it as INVALID_VALUE on its line.
 */
export function parseObservationCsv(text: string): { rows: RawRow[]; lines: number[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: false, skip_empty_lines: true, info: false });
  } catch (e) {
    throw new CsvFormatError(`Not a valid CSV file: ${(e as Error).message}`);
  }
  if (records.length === 0) throw new CsvFormatError(`The file is empty; it needs the header ${CSV_COLUMNS.join(',')}`);
  const header = records[0].map((h) => h.trim().toLowerCase());
  const missing = CSV_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter(
    (h) => !(CSV_COLUMNS as readonly string[]).includes(h) && !(OPTIONAL_COLUMNS as readonly string[]).includes(h),
  );
  if (missing.length || unknown.length) {
    throw new CsvFormatError(
      `The header must be ${CSV_COLUMNS.join(',')}[,${OPTIONAL_COLUMNS.join(',')}]` +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : ''),
    );
  }
  const at = (name: string) => header.indexOf(name);
  const col = Object.fromEntries([...CSV_COLUMNS, ...OPTIONAL_COLUMNS].map((c) => [c, at(c)]));
  const cell = (r: string[], name: string) => (col[name] >= 0 ? (r[col[name]] ?? '') : '');
  const rows: RawRow[] = [];
  const lines: number[] = [];
  records.slice(1).forEach((r, i) => {
    const value = cell(r, 'value').trim();
    const base = cell(r, 'base_version').trim();
    const unitId = cell(r, 'unit_id').trim();
    rows.push({
      unitCode: cell(r, 'unit_code').trim(),
      ...(unitId === '' ? {} : { unitId }),
      indicatorCode: cell(r, 'indicator_code').trim(),
      period: cell(r, 'period').trim(),
      value: value === '' ? null : NUMBER.test(value) ? Number(value) : value,
      status: cell(r, 'status').trim() || undefined,
      source: cell(r, 'source') || null,
      note: cell(r, 'note') || null,
      baseVersion: base === '' ? undefined : /^\d+$/.test(base) ? Number(base) : base,
    });
    lines.push(i + 2);
  });
  return { rows, lines };
}
