/**
 * Charts (ExcelApi 1.1): a chart is drawn from its source range as it is now (edit the cells and
 * the bars move), split into series by columns or rows; the first column (or row) holds the
 * categories and the first row (or column) the series names when they are text. Point fills are
 * kept by index. A protected sheet refuses adding or deleting a chart. Kept per workbook beside
 * the model (a chart is an object over cells, not a cell). Also the SVG the sheet picture shows.
 */
import type { Rect } from './address';
import { fail } from './errors';
import type { Sheet, Workbook } from './model';
import { asValue } from './model';

/** The Excel.ChartType values the stand-in draws (bar and column kinds); others are refused. */
export const CHART_TYPES = ['BarClustered', 'BarStacked', 'ColumnClustered', 'ColumnStacked'] as const;
export type ChartKind = (typeof CHART_TYPES)[number];

export interface ChartModel {
  name: string;
  sheet: Sheet;
  type: ChartKind;
  source: { sheet: Sheet; rect: Rect };
  seriesBy: 'Columns' | 'Rows';
  title: string | null;
  legendVisible: boolean;
  /** Top-left and bottom-right cells (setPosition); null: Excel's default place. */
  position: { start: string; end: string | null } | null;
  /** Fills set on single points: series index → point index → colour. */
  pointFills: Map<number, Map<number, string>>;
}

export interface SeriesView {
  name: string;
  categories: string[];
  values: (number | null)[];
  fills: (string | null)[];
}

const charts = new WeakMap<Workbook, ChartModel[]>();

/** Charts of the workbook (of one sheet), dropping those whose sheet was deleted. */
export function chartsOf(book: Workbook, sheet?: Sheet): ChartModel[] {
  const all = (charts.get(book) ?? []).filter((c) => book.sheets.includes(c.sheet));
  charts.set(book, all);
  return sheet ? all.filter((c) => c.sheet === sheet) : all;
}

export function addChart(
  book: Workbook,
  sheet: Sheet,
  type: string,
  source: { sheet: Sheet; rect: Rect },
  seriesBy: string | undefined,
): ChartModel {
  if (!(CHART_TYPES as readonly string[]).includes(type))
    fail('InvalidArgument', `The stand-in does not draw charts of type '${type}'.`);
  if (sheet.protected)
    fail('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${sheet.name}).`);
  const by =
    seriesBy === 'Rows' || seriesBy === 'Columns'
      ? seriesBy
      : source.rect.rows >= source.rect.cols
        ? 'Columns'
        : 'Rows';
  const taken = new Set(chartsOf(book, sheet).map((c) => c.name.toLowerCase()));
  let n = 1;
  while (taken.has(`chart ${n}`)) n++;
  const c: ChartModel = {
    name: `Chart ${n}`,
    sheet,
    type: type as ChartKind,
    source,
    seriesBy: by,
    title: null,
    legendVisible: true,
    position: null,
    pointFills: new Map(),
  };
  charts.set(book, [...chartsOf(book), c]);
  return c;
}

export function deleteChart(book: Workbook, c: ChartModel): void {
  if (c.sheet.protected)
    fail('AccessDenied', `The cell or chart you're trying to change is on a protected sheet (${c.sheet.name}).`);
  charts.set(
    book,
    chartsOf(book).filter((x) => x !== c),
  );
}

/** The series as Excel draws them from the source now. */
export function seriesOf(book: Workbook, c: ChartModel): SeriesView[] {
  const cells = book.read(c.source.sheet, c.source.rect).map((r) => r.map((v) => asValue(v)));
  // Series along columns: transpose rows-wise sources so both cases read the same way.
  const m = c.seriesBy === 'Columns' ? cells : cells[0]!.map((_, j) => cells.map((r) => r[j]!));
  const isText = (v: unknown) => typeof v === 'string' && v !== '' && !Number.isFinite(Number(v));
  const firstColText = m.slice(1).some((r) => isText(r[0]));
  const firstRowText = (m[0] ?? []).slice(firstColText ? 1 : 0).some(isText);
  const body = firstRowText ? m.slice(1) : m;
  const col0 = firstColText ? 1 : 0;
  const width = m[0]?.length ?? 0;
  const out: SeriesView[] = [];
  for (let j = col0; j < width; j++) {
    const fills = c.pointFills.get(j - col0);
    out.push({
      name: firstRowText ? String(m[0]![j]) : `Series${j - col0 + 1}`,
      categories: body.map((r, i) => (firstColText ? String(r[0]) : String(i + 1))),
      values: body.map((r) => (typeof r[j] === 'number' ? (r[j] as number) : null)),
      fills: body.map((_, i) => fills?.get(i) ?? null),
    });
  }
  return out;
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

/**
 * The chart as SVG, first series only: bar charts horizontal with the first category at the
 * bottom (as Excel plots a bar chart's category axis), column charts vertical, first category at
 * the left; each bar in its point fill, else Excel's first series blue.
 */
export function chartSvg(book: Workbook, c: ChartModel, width = 440): string {
  const s = seriesOf(book, c)[0];
  const n = s?.values.length ?? 0;
  const top = c.title ? 24 : 6;
  const max = Math.max(1e-9, ...(s?.values ?? []).map((v) => Math.abs(v ?? 0)));
  const num = (v: number) => String(Math.round(v * 1000) / 1000);
  let body = c.title
    ? `<text x="${width / 2}" y="16" text-anchor="middle" font-weight="600" font-size="12">${esc(c.title)}</text>`
    : '';
  let height: number;
  if (c.type.startsWith('Bar')) {
    const row = 16;
    const label = 170;
    const scale = (width - label - 50) / max;
    height = top + n * row + 8;
    for (let i = 0; i < n; i++) {
      const v = s!.values[i] ?? 0;
      const y = top + (n - 1 - i) * row;
      const w = Math.abs(v) * scale;
      body += `<text x="${label - 4}" y="${y + 11}" text-anchor="end" font-size="10">${esc(s!.categories[i]!.slice(0, 30))}</text>`;
      body += `<rect x="${label}" y="${y + 2}" width="${w.toFixed(1)}" height="${row - 4}" fill="${s!.fills[i] ?? '#4472C4'}"/>`;
      body += `<text x="${label + w + 3}" y="${y + 11}" font-size="10">${esc(num(v))}</text>`;
    }
  } else {
    const plot = 150;
    const col = Math.max(8, Math.min(40, (width - 20) / Math.max(1, n)));
    width = Math.max(width, 20 + n * col);
    height = top + plot + 90;
    const base = top + plot;
    for (let i = 0; i < n; i++) {
      const v = s!.values[i] ?? 0;
      const h = (Math.abs(v) / max) * (plot - 14);
      const x = 10 + i * col;
      body += `<rect x="${x + 2}" y="${(base - h).toFixed(1)}" width="${col - 4}" height="${h.toFixed(1)}" fill="${s!.fills[i] ?? '#4472C4'}"/>`;
      body += `<text x="${x + col / 2}" y="${(base - h - 2).toFixed(1)}" text-anchor="middle" font-size="8">${esc(num(v))}</text>`;
      body += `<text transform="translate(${x + col / 2 + 3},${base + 4}) rotate(60)" font-size="9">${esc(s!.categories[i]!.slice(0, 16))}</text>`;
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" data-chart="${esc(c.name)}" style="border:1px solid #ccc;background:#fff;margin:4px">${body}</svg>`;
}
