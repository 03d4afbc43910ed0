/**
 * PivotTable rules: a pivot shows its cache, taken from the source when it is created and when it
 * is refreshed — not the source as it is now. A pivot whose source table was deleted keeps its
 * cache, and refreshing it fails (its source reference is #REF!).
 */
import { fail } from './errors';
import type { Pivot, PivotCache, Value, Workbook } from './model';
import { asValue } from './model';

export function snapshot(book: Workbook, p: Pick<Pivot, 'source'>): PivotCache {
  let sheet;
  let rect;
  if ('table' in p.source) {
    const t = p.source.table;
    if (!book.tables.includes(t)) fail('InvalidReference', 'The PivotTable source reference is not valid.');
    sheet = t.sheet;
    rect = t.rect;
  } else {
    sheet = p.source.sheet;
    rect = p.source.rect;
  }
  const head = book.read(sheet, { ...rect, rows: 1 })[0]!.map((v) => String(v));
  if (head.some((h) => h === '')) fail('InvalidReference', 'The PivotTable field name is not valid.');
  const rows: (Value | null)[][] = [];
  for (let r = rect.row + 1; r < rect.row + rect.rows; r++) {
    const row: (Value | null)[] = [];
    for (let c = rect.col; c < rect.col + rect.cols; c++) row.push(book.value(sheet, r, c));
    rows.push(row);
  }
  return { headers: head, rows };
}

export function refresh(book: Workbook, p: Pivot): void {
  p.cache = snapshot(book, p);
}

export function checkField(p: Pivot, name: string): void {
  if (!p.cache.headers.some((h) => h.toLowerCase() === name.toLowerCase()))
    fail('ItemNotFound', `The PivotTable has no field named '${name}'.`);
}

export interface PivotView {
  filter: { field: string; selected: string[] | null } | null;
  columns: string[];
  rows: { label: string; values: (number | null)[] }[];
}

/** What the pivot shows: first row field down, first column field across, first data field summed, report filter applied. */
export function view(p: Pivot): PivotView {
  const { headers, rows } = p.cache;
  const idx = (n: string | undefined) =>
    n === undefined ? -1 : headers.findIndex((h) => h.toLowerCase() === n.toLowerCase());
  const ri = idx(p.rows[0]);
  const ci = idx(p.columns[0]);
  const vi = idx(p.data[0]?.field);
  const fi = idx(p.filters[0]);
  const applied = p.appliedFilters.find((f) => f.field === p.filters[0]);
  const selected =
    (applied?.filter as { manualFilter?: { selectedItems?: string[] } } | undefined)?.manualFilter?.selectedItems ??
    null;
  const label = (v: Value | null | undefined) => String(asValue(v ?? null));
  const rowLabels: string[] = [];
  const colLabels: string[] = [];
  const sums = new Map<string, number>();
  for (const r of rows) {
    if (selected && fi >= 0 && !selected.includes(label(r[fi]))) continue;
    const rl = ri >= 0 ? label(r[ri]) : '';
    const cl = ci >= 0 ? label(r[ci]) : '';
    if (!rowLabels.includes(rl)) rowLabels.push(rl);
    if (!colLabels.includes(cl)) colLabels.push(cl);
    const v = vi >= 0 ? r[vi] : null;
    const k = `${rl}\u0000${cl}`;
    sums.set(k, (sums.get(k) ?? 0) + (typeof v === 'number' ? v : 0));
  }
  rowLabels.sort();
  colLabels.sort();
  return {
    filter: p.filters[0] ? { field: p.filters[0], selected } : null,
    columns: colLabels,
    rows: rowLabels.map((l) => ({ label: l, values: colLabels.map((c) => sums.get(`${l}\u0000${c}`) ?? null) })),
  };
}
