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

/** The first data field and the first filter: what a pivot with one of each shows. */
export interface PivotView {
  filter: { field: string; selected: string[] | null } | null;
  columns: string[];
  rows: { label: string; values: (number | null)[] }[];
}

export function view(p: Pivot): PivotView {
  const f = fullView(p);
  return { filter: f.filter, columns: f.columns, rows: f.rows.map((r) => ({ label: r.label, values: r.values })) };
}

export interface FullPivotView {
  /** The first report filter. */
  filter: { field: string; selected: string[] | null } | null;
  /** Every report filter, with the items it lets through (null: all). */
  filters: { field: string; selected: string[] | null }[];
  /** The data fields, in order. */
  data: string[];
  columns: string[];
  /** values: the first data field; byField: every data field, in `data` order. */
  rows: { label: string; values: (number | null)[]; byField: (number | null)[][] }[];
}

/**
 * What the pivot shows: first row field down, first column field across, each data field summed,
 * every report filter applied (a manual filter keeps the selected items).
 */
export function fullView(p: Pivot): FullPivotView {
  const { headers, rows } = p.cache;
  const idx = (n: string | undefined) =>
    n === undefined ? -1 : headers.findIndex((h) => h.toLowerCase() === n.toLowerCase());
  const ri = idx(p.rows[0]);
  const ci = idx(p.columns[0]);
  const vis = p.data.map((d) => idx(d.field));
  const filters = p.filters.map((field) => {
    const applied = p.appliedFilters.find((f) => f.field.toLowerCase() === field.toLowerCase());
    const selected =
      (applied?.filter as { manualFilter?: { selectedItems?: string[] } } | undefined)?.manualFilter?.selectedItems ??
      null;
    return { field, selected, at: idx(field) };
  });
  const label = (v: Value | null | undefined) => String(asValue(v ?? null));
  const rowLabels: string[] = [];
  const colLabels: string[] = [];
  const sums = vis.map(() => new Map<string, number>());
  for (const r of rows) {
    if (filters.some((f) => f.selected && f.at >= 0 && !f.selected.includes(label(r[f.at])))) continue;
    const rl = ri >= 0 ? label(r[ri]) : '';
    const cl = ci >= 0 ? label(r[ci]) : '';
    if (!rowLabels.includes(rl)) rowLabels.push(rl);
    if (!colLabels.includes(cl)) colLabels.push(cl);
    const k = `${rl}\u0000${cl}`;
    vis.forEach((vi, d) => {
      const v = vi >= 0 ? r[vi] : null;
      if (typeof v === 'number') sums[d]!.set(k, (sums[d]!.get(k) ?? 0) + v);
      else if (!sums[d]!.has(k)) sums[d]!.set(k, 0);
    });
  }
  rowLabels.sort();
  colLabels.sort();
  const at = (d: number, l: string, c: string) => sums[d]?.get(`${l}\u0000${c}`) ?? null;
  return {
    filter: filters[0] ? { field: filters[0].field, selected: filters[0].selected } : null,
    filters: filters.map(({ field, selected }) => ({ field, selected })),
    data: p.data.map((d) => d.field),
    columns: colLabels,
    rows: rowLabels.map((l) => ({
      label: l,
      values: colLabels.map((c) => at(0, l, c)),
      byField: vis.map((_, d) => colLabels.map((c) => at(d, l, c))),
    })),
  };
}
