import ExcelJS from 'exceljs';
import type { Request, Response } from 'express';
import { OBSERVATION_TABLE_COLUMNS } from '../../../../schema/contract/observation-table';
import type { ObservationStatus } from '../../../../schema/contract/outcomes';
import { badInput } from '../../common/errors';
import { readCatalogue, type Catalogue } from './catalogue';
import type { Gql } from './gql';
import { DATA_SHEET, META_SHEET, XLSX_FORMAT, type ExportKind, type ExportMeta } from './layout';
import { Refusal } from './refusal';
import { addLongSheet, addMetaSheet, longCells, openOn, type LongRow } from './sheets';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Rows per observationTable page: each page is one GraphQL operation, priced and charged like the add-in's. */
export const EXPORT_PAGE = 10_000;
/** An Excel sheet has 1,048,576 rows; one is the header. */
export const MAX_EXPORT_ROWS = 1_048_575;

const list = (v: unknown): string[] | null => {
  if (typeof v !== 'string' || v.trim() === '') return null;
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
};
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
function year(v: unknown, name: string): number | null {
  if (v === undefined || v === '') return null;
  if (typeof v !== 'string' || !/^\d{4}$/.test(v.trim()))
    throw new Refusal(badInput('INVALID_YEAR', `${name} must be a year such as 2021, got ${JSON.stringify(v)}`));
  return Number(v);
}

function meta(kind: ExportKind, filter: Record<string, unknown>, server: string, dataSheet: string | null): ExportMeta {
  return { format: XLSX_FORMAT, kind, filter, server, exportedAt: new Date().toISOString(), dataSheet };
}

/** A file name from request values: letters, digits, dot, dash and underscore only. */
export const safeFileName = (name: string) => name.replace(/[^\w.-]+/g, '_');

function attachment(res: Response, name: string): void {
  res
    .status(200)
    .type(XLSX_TYPE)
    .set({
      'Content-Disposition': `attachment; filename="${safeFileName(name)}"`,
      'Cache-Control': 'no-store',
    });
}

type TablePage = {
  observationTable: {
    columns: string[];
    rows: unknown[][];
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
};

const TABLE_QUERY = `query($f: ObservationFilter!, $n: Int!, $a: String) {
  observationTable(filter: $f, first: $n, after: $a) { columns rows totalCount pageInfo { hasNextPage endCursor } } }`;

function toLongRow(r: unknown[], col: Map<string, number>, cat: Catalogue): LongRow {
  const at = (c: string) => r[col.get(c)!];
  const code = String(at('unitCode'));
  const unitId = (at('unitId') as string | null) ?? null;
  const ind = cat.indicators.get(String(at('indicatorCode')));
  return {
    unitCode: code,
    unitName: (unitId ? cat.unitNames.get(unitId) : undefined) ?? cat.unitNames.get(code) ?? null,
    indicatorCode: String(at('indicatorCode')),
    indicatorName: ind?.name ?? null,
    unitOfMeasure: ind?.unit ?? null,
    period: String(at('period')),
    value: Number(at('value')),
    status: at('status') as ObservationStatus,
    source: (at('source') as string | null) ?? null,
    note: (at('note') as string | null) ?? null,
    version: Number(at('version')),
    unitId,
  };
}

/**
 * GET /export/province.xlsx?province=38[&units=…][&indicators=A,B][&fromYear=2021][&toYear=2025]: the
 * add-in's long table of a province (its own figures and its districts' or communes'), streamed —
 * one observationTable page at a time goes from the database into the zip, so memory does not grow
 * with the province. The first page is read before anything is sent, so a refusal (token, scope,
 * budget, a filter the API rejects, a table larger than a sheet) is a proper error response; a
 * failure after that aborts the download (the client sees a broken transfer, never a short but
 * valid workbook).
 */
export async function exportProvince(req: Request, res: Response, gql: Gql, server: string): Promise<void> {
  const province = text(req.query.province);
  const units = list(req.query.units);
  if (province === null && units === null)
    throw new Refusal(badInput('BAD_REQUEST', 'Say which units: ?province=38 (and/or ?units=38,380,381)'));
  const narrowing: Record<string, unknown> = {
    ...(list(req.query.indicators) ? { indicatorCodes: list(req.query.indicators) } : {}),
    ...(year(req.query.fromYear, 'fromYear') !== null ? { fromYear: year(req.query.fromYear, 'fromYear') } : {}),
    ...(year(req.query.toYear, 'toYear') !== null ? { toYear: year(req.query.toYear, 'toYear') } : {}),
  };
  // Filters AND together in the API, so the province's own figures and its districts' and
  // communes' are two reads, one after the other into the same sheet; ?units= narrows to units.
  const filters: Record<string, unknown>[] =
    units !== null
      ? [{ unitCodes: units, ...(province ? { provinceCode: province } : {}), ...narrowing }]
      : [
          { unitCodes: [province], ...narrowing },
          { provinceCode: province, ...narrowing },
        ];
  const filter = { province, units, ...narrowing };
  const cat = await readCatalogue(gql, province);
  const firsts: TablePage['observationTable'][] = [];
  for (const f of filters)
    firsts.push((await gql<TablePage>(TABLE_QUERY, { f, n: EXPORT_PAGE, a: null })).observationTable);
  const total = firsts.reduce((n, p) => n + p.totalCount, 0);
  if (total > MAX_EXPORT_ROWS)
    throw new Refusal(
      badInput(
        'EXPORT_TOO_LARGE',
        `${total.toLocaleString('en')} rows do not fit one sheet (at most ${MAX_EXPORT_ROWS.toLocaleString('en')}): narrow by indicators, fromYear or toYear`,
      ),
    );
  attachment(res, `chi-tieu-${province ?? units![0]}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  wb.creator = 'chitieu';
  addMetaSheet(wb, meta('province', filter, server, DATA_SHEET), META_SHEET).commit();
  const ws = addLongSheet(wb, DATA_SHEET);
  openOn(wb, 1);
  try {
    for (const [n, f] of filters.entries()) {
      let page = firsts[n]!;
      for (;;) {
        const col = new Map(page.columns.map((c, i) => [c, i]));
        for (const c of OBSERVATION_TABLE_COLUMNS.slice(0, 11))
          if (!col.has(c)) throw new Error(`observationTable lacks column ${c}`);
        for (const r of page.rows) ws.addRow(longCells(toLongRow(r, col, cat))).commit();
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
        page = (await gql<TablePage>(TABLE_QUERY, { f, n: EXPORT_PAGE, a: page.pageInfo.endCursor })).observationTable;
      }
    }
    ws.commit();
    await wb.commit();
  } catch (e) {
    // Headers are gone: break the transfer rather than end a truncated file cleanly.
    res.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}

interface TermData {
  term: {
    id: string;
    congressRoman: string;
    startYear: number;
    endYear: number;
    title: string;
    unit: { id: string; code: string; name: string };
    targets: {
      period: string;
      value: number;
      comparator: 'AT_LEAST' | 'AT_MOST';
      indicator: { code: string; name: string; unit: string };
    }[];
  } | null;
}

const COMPARATOR = { AT_LEAST: '≥', AT_MOST: '≤' } as const;

/**
 * GET /export/term.xlsx?term=<Term id>: the term sheet — a row per target indicator, a column per
 * year of the term (read-only here) — and, on the data sheet, the same figures as a long table with
 * a row for every target indicator × year (empty where nothing is reported yet): that sheet is the
 * one an upload reads.
 */
export async function exportTerm(req: Request, res: Response, gql: Gql, server: string): Promise<void> {
  const id = text(req.query.term);
  if (id === null)
    throw new Refusal(badInput('BAD_REQUEST', 'Say which term: ?term=<Term id> (query terms(unitCode))'));
  const d = await gql<TermData>(
    `query($id: ID!) { term(id: $id) { id congressRoman startYear endYear title unit { id code name }
      targets { period value comparator indicator { code name unit } } } }`,
    { id },
  );
  const t = d.term;
  if (!t) throw new Refusal(badInput('INVALID_ID', `No term ${id}`));
  const years: string[] = [];
  for (let y = t.startYear; y <= t.endYear; y++) years.push(String(y));
  const cat = await readCatalogue(gql, null);
  cat.unitNames.set(t.unit.id, t.unit.name);
  const indicatorCodes = [...new Set(t.targets.map((x) => x.indicator.code))];
  const filter = { unitCodes: [t.unit.code], periods: years, ...(indicatorCodes.length ? { indicatorCodes } : {}) };
  const page = (await gql<TablePage>(TABLE_QUERY, { f: filter, n: 50_000, a: null })).observationTable;
  const col = new Map(page.columns.map((c, i) => [c, i]));
  const stored = new Map<string, LongRow>();
  for (const r of page.rows) {
    const row = toLongRow(r, col, cat);
    if (row.unitId === t.unit.id || !row.unitId) stored.set(`${row.indicatorCode}|${row.period}`, row);
  }

  const wb = new ExcelJS.Workbook();
  wb.creator = 'chitieu';
  const grid = wb.addWorksheet('Nhiệm kỳ', { views: [{ state: 'frozen', ySplit: 2 }] });
  grid.addRow([`${t.title} — ${t.unit.name} (${t.startYear}–${t.endYear})`]).font = { bold: true };
  grid.addRow(['Mã', 'Chỉ tiêu', 'Đơn vị tính', 'Mục tiêu', 'So sánh', ...years]).font = { bold: true };
  for (const target of t.targets) {
    const i = target.indicator;
    grid.addRow([
      i.code,
      i.name,
      i.unit,
      target.value,
      COMPARATOR[target.comparator],
      ...years.map((y) => stored.get(`${i.code}|${y}`)?.value ?? null),
    ]);
  }
  grid.getColumn(1).numFmt = '@';
  grid.getColumn(2).width = 40;
  const data = addLongSheet(wb, DATA_SHEET);
  for (const target of t.targets) {
    for (const y of years) {
      const key = `${target.indicator.code}|${y}`;
      const row: LongRow = stored.get(key) ?? {
        unitCode: t.unit.code,
        unitName: t.unit.name,
        indicatorCode: target.indicator.code,
        indicatorName: target.indicator.name,
        unitOfMeasure: target.indicator.unit,
        period: y,
        value: null,
        status: null,
        source: null,
        note: null,
        version: null,
        unitId: t.unit.id,
      };
      stored.delete(key);
      data.addRow(longCells(row));
    }
  }
  addMetaSheet(wb, meta('term', { term: t.id, ...filter }, server, DATA_SHEET), META_SHEET);
  attachment(res, `nhiem-ky-${t.unit.code}-${t.startYear}-${t.endYear}.xlsx`);
  await wb.xlsx.write(res);
  res.end();
}

interface ComparisonPage {
  provinceComparison: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: {
      unitCode: string;
      unitName: string;
      indicatorCode: string;
      indicatorName: string;
      measure: string;
      period: string;
      value: number;
      status: ObservationStatus;
      target: number | null;
      comparator: 'AT_LEAST' | 'AT_MOST' | null;
      ratio: number | null;
      band: string | null;
      rank: number | null;
      rankOf: number | null;
    }[];
  };
}

const COMPARISON_HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Mã chỉ tiêu',
  'Chỉ tiêu',
  'Đơn vị tính',
  'Kỳ',
  'Giá trị',
  'Tình trạng',
  'Mục tiêu',
  'So sánh',
  'Tỷ lệ đạt',
  'Mức đạt',
  'Hạng',
  'Trên số đơn vị',
];

/**
 * GET /export/comparison.xlsx?province=38[&indicators=…][&periods=…][&fromYear=…][&toYear=…]: the
 * province comparison (provinceComparison), read-only — an upload of it is refused. Streamed page by
 * page like the long table.
 */
export async function exportComparison(req: Request, res: Response, gql: Gql, server: string): Promise<void> {
  const province = text(req.query.province);
  if (province === null) throw new Refusal(badInput('BAD_REQUEST', 'Say which province: ?province=38'));
  const args: Record<string, unknown> = {
    p: province,
    i: list(req.query.indicators),
    ps: list(req.query.periods),
    fy: year(req.query.fromYear, 'fromYear'),
    ty: year(req.query.toYear, 'toYear'),
  };
  const query = `query($p: String!, $i: [String!], $ps: [String!], $fy: Int, $ty: Int, $n: Int!, $a: String) {
    provinceComparison(provinceCode: $p, indicatorCodes: $i, periods: $ps, fromYear: $fy, toYear: $ty, first: $n, after: $a) {
      totalCount pageInfo { hasNextPage endCursor }
      nodes { unitCode unitName indicatorCode indicatorName measure period value status target comparator ratio band rank rankOf } } }`;
  let page = (await gql<ComparisonPage>(query, { ...args, n: EXPORT_PAGE, a: null })).provinceComparison;
  if (page.totalCount > MAX_EXPORT_ROWS)
    throw new Refusal(badInput('EXPORT_TOO_LARGE', `${page.totalCount} rows do not fit one sheet: narrow the filter`));
  attachment(res, `so-sanh-${province}.xlsx`);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: res, useStyles: true, useSharedStrings: false });
  wb.creator = 'chitieu';
  const { p, i, ps, fy, ty } = args;
  const filter = { provinceCode: p, indicatorCodes: i, periods: ps, fromYear: fy, toYear: ty };
  addMetaSheet(wb, meta('comparison', filter, server, null), META_SHEET).commit();
  const ws = wb.addWorksheet('So sánh', { views: [{ state: 'frozen', ySplit: 1 }] });
  openOn(wb, 1);
  ws.columns = COMPARISON_HEADERS.map((h, n) => ({
    header: h,
    width: n === 3 ? 40 : 12,
    style: { numFmt: [0, 2, 5].includes(n) ? '@' : 'General' },
  }));
  try {
    for (;;) {
      for (const r of page.nodes)
        ws.addRow([
          r.unitCode,
          r.unitName,
          r.indicatorCode,
          r.indicatorName,
          r.measure,
          r.period,
          r.value,
          r.status,
          r.target,
          r.comparator ? COMPARATOR[r.comparator] : null,
          r.ratio,
          r.band,
          r.rank,
          r.rankOf,
        ]).commit();
      if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) break;
      page = (await gql<ComparisonPage>(query, { ...args, n: EXPORT_PAGE, a: page.pageInfo.endCursor }))
        .provinceComparison;
    }
    ws.commit();
    await wb.commit();
  } catch (e) {
    res.destroy(e instanceof Error ? e : new Error(String(e)));
  }
}
