/**
 * PivotTable rules: a pivot shows its cache, taken from the source when it is created and when it
 * is refreshed — not the source as it is now. A pivot whose source table was deleted keeps its
 * cache, and refreshing it fails (its source reference is #REF!).
 */
import { fail } from './errors';
import type { Pivot, PivotCache, PivotDataField, Value, Workbook } from './model';
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
  /** values: the first data field (null without one); byField: every data field, in `data` order. */
  rows: { label: string; values: (number | null)[]; byField: (number | null)[][] }[];
  /**
   * Grand totals, each data field aggregated over all the records of a row, a column or the whole
   * (not a sum of what is shown): per row (the total column), per column (the total row), overall.
   * Null where the layout hides them.
   */
  totals: {
    ofRows: (number | null)[][] | null;
    ofColumns: (number | null)[][] | null;
    overall: (number | null)[] | null;
  };
}

/**
 * The aggregation functions the stand-in models (Excel.AggregationFunction): what a data field shows
 * for the numbers of its records (`n` records in all, numbers or not). Sum, Max, Min and Product of
 * records without a number show 0; Average shows #DIV/0! (null here).
 */
export const AGGREGATIONS: Readonly<Record<string, (nums: number[], n: number) => number | null>> = {
  Sum: (x) => x.reduce((a, b) => a + b, 0),
  Count: (_x, n) => n,
  CountNumbers: (x) => x.length,
  Average: (x) => (x.length ? x.reduce((a, b) => a + b, 0) / x.length : null),
  Max: (x) => (x.length ? Math.max(...x) : 0),
  Min: (x) => (x.length ? Math.min(...x) : 0),
  Product: (x) => (x.length ? x.reduce((a, b) => a * b, 1) : 0),
};

/**
 * What the pivot shows: first row field down, first column field across, each data field
 * aggregated by its function, every report filter applied (a manual filter keeps the selected
 * items), and the grand totals the layout shows.
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
  /** Records by key: "row\0col" for a cell, "row\0*" for a row, "*\0col" for a column, "*\0*" overall. */
  const groups = new Map<string, (Value | null)[][]>();
  const add = (k: string, r: (Value | null)[]) => {
    const g = groups.get(k);
    if (g) g.push(r);
    else groups.set(k, [r]);
  };
  for (const r of rows) {
    if (filters.some((f) => f.selected && f.at >= 0 && !f.selected.includes(label(r[f.at])))) continue;
    const rl = ri >= 0 ? label(r[ri]) : '';
    const cl = ci >= 0 ? label(r[ci]) : '';
    if (!rowLabels.includes(rl)) rowLabels.push(rl);
    if (!colLabels.includes(cl)) colLabels.push(cl);
    for (const k of [`${rl}\u0000${cl}`, `${rl}\u0000*`, `*\u0000${cl}`, '*\u0000*']) add(k, r);
  }
  rowLabels.sort();
  colLabels.sort();
  const at = (d: number, key: string): number | null => {
    const recs = groups.get(key);
    if (!recs) return null;
    const vi = vis[d]!;
    const nums = recs.map((r) => (vi >= 0 ? r[vi] : null)).filter((v): v is number => typeof v === 'number');
    const fn = AGGREGATIONS[p.data[d]!.summarizeBy] ?? AGGREGATIONS.Sum!;
    return fn(nums, recs.filter((r) => vi >= 0 && r[vi] !== null && r[vi] !== '').length);
  };
  const cell = (d: number, l: string, c: string) => at(d, `${l}\u0000${c}`);
  return {
    filter: filters[0] ? { field: filters[0].field, selected: filters[0].selected } : null,
    filters: filters.map(({ field, selected }) => ({ field, selected })),
    data: p.data.map((d) => d.field),
    columns: colLabels,
    rows: rowLabels.map((l) => ({
      label: l,
      values: colLabels.map((c) => (p.data.length ? cell(0, l, c) : null)),
      byField: vis.map((_, d) => colLabels.map((c) => cell(d, l, c))),
    })),
    totals: {
      ofRows: p.grandTotals.rows ? rowLabels.map((l) => vis.map((_, d) => at(d, `${l}\u0000*`))) : null,
      ofColumns: p.grandTotals.columns ? colLabels.map((c) => vis.map((_, d) => at(d, `*\u0000${c}`))) : null,
      overall: p.grandTotals.rows && p.grandTotals.columns ? vis.map((_, d) => at(d, '*\u0000*')) : null,
    },
  };
}

/** A cell the PivotTable shows on its sheet. */
export interface PivotCell {
  row: number;
  col: number;
  value: Value | null;
  /** The number format it shows a number in (a data field's), if any. */
  format?: string;
  kind: 'filter' | 'caption' | 'label' | 'data' | 'total';
  /** For data and total cells: the data field's index. */
  field?: number;
  /** For data cells: the row item and column item they are at. */
  item?: { row: string; column: string };
}

/** The caption of a data field: "Sum of Giá trị", "Max of Mã mức" (Excel's default names). */
export const caption = (d: PivotDataField) => `${d.summarizeBy} of ${d.field}`;

/**
 * Where the pivot's cells lie on its sheet (Excel's compact form, the default layout):
 * - report filters above the body, one row each (field name, then its item: "(All)", the item or
 *   "(Multiple Items)"), then a blank row; the body stays at the destination cell when there is room
 *   above it, else it moves down;
 * - the body: a row with the caption of the single data field (else blank) and "Column Labels"; a
 *   row with "Row Labels" and the column items (each spanning one column per data field); with more
 *   than one data field, a row of their captions; then a row per row item, and the "Grand Total" row;
 * - the "Grand Total" column(s) at the right ("Total <caption>" per data field when several).
 * Without data fields the data area is empty: the labels, "Column Labels", "Row Labels" and the
 * "Grand Total" headings show, one column per column item, and no value cell.
 * The stand-in draws this (picture.ts) and evaluates conditional formats on it; the add-in reads no
 * cell position of a pivot.
 */
export function pivotCells(p: Pivot): PivotCell[] {
  const v = fullView(p);
  const out: PivotCell[] = [];
  const nf = v.filters.length;
  const c0 = p.anchor.col;
  let top = p.anchor.row;
  if (nf > 0) {
    const filterTop = Math.max(0, top - nf - 1);
    top = Math.max(top, filterTop + nf + 1);
    v.filters.forEach((f, i) => {
      out.push({ row: filterTop + i, col: c0, value: f.field, kind: 'filter' });
      const shown = f.selected === null ? '(All)' : f.selected.length === 1 ? f.selected[0]! : '(Multiple Items)';
      out.push({ row: filterTop + i, col: c0 + 1, value: shown, kind: 'filter' });
    });
  }
  const nd = p.data.length;
  const several = nd > 1;
  /** Columns per column item: one per data field, one (empty) without any. */
  const span = Math.max(nd, 1);
  out.push({ row: top, col: c0, value: nd === 1 ? caption(p.data[0]!) : null, kind: 'caption' });
  out.push({ row: top, col: c0 + 1, value: 'Column Labels', kind: 'caption' });
  out.push({ row: top + 1, col: c0, value: 'Row Labels', kind: 'caption' });
  v.columns.forEach((c, i) => out.push({ row: top + 1, col: c0 + 1 + i * span, value: c, kind: 'label' }));
  const totalCol = c0 + 1 + v.columns.length * span;
  if (v.totals.ofRows) {
    if (nd === 0) out.push({ row: top + 1, col: totalCol, value: 'Grand Total', kind: 'caption' });
    p.data.forEach((d, k) =>
      out.push({
        row: top + 1,
        col: totalCol + k,
        value: several ? `Total ${caption(d)}` : 'Grand Total',
        kind: 'caption',
      }),
    );
  }
  if (several)
    for (let i = 0; i < v.columns.length; i++)
      p.data.forEach((d, k) =>
        out.push({ row: top + 2, col: c0 + 1 + i * nd + k, value: caption(d), kind: 'caption' }),
      );
  const first = top + (several ? 3 : 2);
  const fmt = (k: number) => (p.data[k]!.numberFormat ? { format: p.data[k]!.numberFormat } : {});
  v.rows.forEach((r, j) => {
    out.push({ row: first + j, col: c0, value: r.label, kind: 'label' });
    r.byField.forEach((vals, k) =>
      vals.forEach((x, i) =>
        out.push({
          row: first + j,
          col: c0 + 1 + i * nd + k,
          value: x,
          kind: 'data',
          field: k,
          item: { row: r.label, column: v.columns[i]! },
          ...fmt(k),
        }),
      ),
    );
    v.totals.ofRows?.[j]?.forEach((x, k) =>
      out.push({ row: first + j, col: totalCol + k, value: x, kind: 'total', field: k, ...fmt(k) }),
    );
  });
  if (v.totals.ofColumns) {
    const last = first + v.rows.length;
    out.push({ row: last, col: c0, value: 'Grand Total', kind: 'label' });
    v.totals.ofColumns.forEach((vals, i) =>
      vals.forEach((x, k) =>
        out.push({ row: last, col: c0 + 1 + i * nd + k, value: x, kind: 'total', field: k, ...fmt(k) }),
      ),
    );
    v.totals.overall?.forEach((x, k) =>
      out.push({ row: last, col: totalCol + k, value: x, kind: 'total', field: k, ...fmt(k) }),
    );
  }
  return out;
}
