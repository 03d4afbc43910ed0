/**
 * Compare: the province's districts (or communes) side by side, with targets, bands and ranks.
 *
 * - "So sánh <tỉnh>": the long table, a normal pulled sheet (editable, pushed like any other);
 * - "Xếp hạng <tỉnh>": the read-only comparison sheet, from `provinceComparison` — one row per
 *   unit × indicator × period with its period type, target, ratio, band (coloured) and rank
 *   ("12/26"), and a ranking chart of the indicator × period most units are ranked in;
 * - "Pivot <tỉnh>": a PivotTable over the comparison table: units down, periods across, value and
 *   rank side by side, indicator, period type and level as filters;
 * - "Mức đạt <tỉnh>": a PivotTable of the bands, the same units × periods and filters, each cell
 *   "Đạt" or "Chưa đạt" in its band's colour;
 * - "Kết quả <tỉnh>": each unit's targets counted by band (Term.scorecard), best met share first,
 *   and a progress chart per term (a bar per target, its ratio, coloured by band).
 *
 * The comparison sheets are re-read from the server after every push that changed something and
 * after every refresh (targets, values and so ranks move): the request each was made from is kept
 * in a hidden cell of its sheet.
 */
import type { GraphQLClient } from '../api';
import { fetchComparison, fetchScorecards, type ComparisonLevel } from '../api';
import * as excel from '../excel';
import {
  BAND_CODE_FILLS,
  BAND_CODE_FORMAT,
  BAND_FILLS,
  BAND_LABELS,
  BANDS,
  CMP,
  LEVEL_LABELS,
  comparisonGrid,
  periodType,
  pickRanking,
  progressBlock,
  rankingBlock,
  scorecardGrid,
  sortScores,
  type RankingPick,
} from './comparison-view';
import type { Progress, PullOutcome } from './pull';
import { pull } from './pull';

export interface CompareRequest {
  readonly provinceCode: string;
  readonly provinceName: string;
  readonly indicatorCodes: readonly string[];
  readonly fromYear: number | null;
  readonly toYear: number | null;
  /** CURRENT: on today's boundaries — the merged province with the districts of every province it came from, and its communes' values derived from theirs (read-only). */
  readonly boundaries?: 'AS_REPORTED' | 'CURRENT';
}

export const COMPARISON_PREFIX = 'Xếp hạng ';
export const COMPARISON_PIVOT = 'ChiTieu_SoSanh';
export const BAND_PIVOT = 'ChiTieu_MucDat';

/** "Thanh Hóa", or "Thanh Hóa (nay)" on today's boundaries: the suffix of every comparison sheet. */
export const compareLabel = (req: CompareRequest) =>
  `${req.provinceName}${req.boundaries === 'CURRENT' ? ' (nay)' : ''}`;

export function compareRequest(req: CompareRequest) {
  return {
    layout: 'long' as const,
    filter: {
      provinceCode: req.provinceCode,
      ...(req.indicatorCodes.length ? { indicatorCodes: [...req.indicatorCodes] } : {}),
      ...(req.fromYear ? { fromYear: req.fromYear } : {}),
      ...(req.toYear ? { toYear: req.toYear } : {}),
      ...(req.boundaries === 'CURRENT' ? { boundaries: 'CURRENT' as const } : {}),
    },
    label: `So sánh ${compareLabel(req)}`,
  };
}

/** The long table (editable); the comparison sheets follow (buildComparison). */
export async function compare(
  client: GraphQLClient,
  req: CompareRequest,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<PullOutcome> {
  return pull(client, compareRequest(req), onProgress, signal);
}

export interface ComparisonOutcome {
  readonly request: CompareRequest;
  readonly rows: number;
  readonly terms: number;
  readonly levels: readonly ComparisonLevel[];
  readonly comparison: excel.OwnedSheetResult;
  readonly pivot: excel.PivotResult;
  /** The band pivot: units × periods coloured by band. */
  readonly bands: excel.PivotResult;
  readonly scorecard: excel.OwnedSheetResult;
  /** The indicator × period preselected in the pivot and drawn in the ranking chart. */
  readonly pick: RankingPick | null;
}

/** Band labels and their fills, for the band column's conditional formats. */
const BAND_RULES = BANDS.map((b) => ({ text: BAND_LABELS[b], fill: BAND_FILLS[b] }));

/** Reads the comparison and the scorecards, and (re)writes the three comparison sheets. */
export async function buildComparison(
  client: GraphQLClient,
  req: CompareRequest,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<ComparisonOutcome> {
  const rows = await fetchComparison(
    client,
    {
      provinceCode: req.provinceCode,
      indicatorCodes: req.indicatorCodes,
      fromYear: req.fromYear ?? undefined,
      toYear: req.toYear ?? undefined,
      boundaries: req.boundaries,
    },
    (d, n) => onProgress?.('download', d, n),
    signal,
  );
  const levels = [...new Set(rows.map((r) => r.unitLevel))].sort() as ComparisonLevel[];
  const scores = await fetchScorecards(client, req.provinceCode, levels, signal);
  const label = compareLabel(req);
  const pick = pickRanking(rows);
  const comparison = await excel.writeOwnedSheet({
    sheetName: `${COMPARISON_PREFIX}${label}`,
    tableName: `XepHang_${label}`,
    grid: comparisonGrid(rows),
    textColumns: [CMP['Mã đơn vị'], CMP['Mã chỉ tiêu'], CMP['Kỳ'], CMP['Kỳ mục tiêu'], CMP['Thứ hạng']],
    columnFormats: { [CMP['Tỷ lệ']]: '0.0%' },
    colourColumn: { col: CMP['Mức'], fills: BAND_RULES },
    memo: `c:${JSON.stringify({ v: 1, ...req })}`,
    charts: pick ? [{ ...rankingBlock(rows, pick), type: 'ColumnClustered' }] : [],
    protect: true,
    onProgress: (d, n) => onProgress?.('write', d, n),
  });
  const filters = {
    filterField: 'Chỉ tiêu',
    filterItem: pick?.indicatorName ?? null,
    moreFilters: [
      { field: 'Loại kỳ', item: pick ? periodType(pick.period) : null },
      { field: 'Cấp', item: pick ? LEVEL_LABELS[pick.level] : null },
    ],
  };
  const pivot = await excel.createPivot({
    sourceSheetId: comparison.sheetId,
    sourceTable: comparison.tableName,
    pivotSheetName: `Pivot ${label}`,
    pivotName: COMPARISON_PIVOT,
    rowField: 'Đơn vị',
    columnField: 'Kỳ',
    valueField: 'Giá trị',
    moreValueFields: ['Hạng'],
    ...filters,
  });
  const bands = await excel.createPivot({
    sourceSheetId: comparison.sheetId,
    sourceTable: comparison.tableName,
    pivotSheetName: `Mức đạt ${label}`,
    pivotName: BAND_PIVOT,
    rowField: 'Đơn vị',
    columnField: 'Kỳ',
    valueField: 'Mã mức',
    // One row per unit × indicator × period: with one indicator chosen, the maximum is its band.
    summarizeBy: 'Max',
    numberFormat: BAND_CODE_FORMAT,
    fills: BAND_CODE_FILLS,
    ...filters,
    // The value pivot stays the sheet shown.
    activate: false,
  });
  const scorecard = await excel.writeOwnedSheet({
    sheetName: `Kết quả ${label}`,
    tableName: `KetQua_${label}`,
    grid: scorecardGrid(scores),
    textColumns: [0, 3],
    columnFormats: { 10: '0.0%' },
    charts: sortScores(scores).map((s) => ({ ...progressBlock(s), type: 'BarClustered', valueFormat: '0.0%' })),
    protect: false,
  });
  return { request: req, rows: rows.length, terms: scores.length, levels, comparison, pivot, bands, scorecard, pick };
}

function parseMemo(memo: string): CompareRequest | null {
  if (!memo.startsWith('c:')) return null;
  try {
    const m = JSON.parse(memo.slice(2)) as CompareRequest & { v?: number };
    return m.v === 1 && typeof m.provinceCode === 'string' && typeof m.provinceName === 'string' ? m : null;
  } catch {
    return null;
  }
}

/**
 * Re-reads every comparison sheet of the workbook from the server (after a push that changed
 * something, or a refresh): the request each was made from is in its hidden memo cell.
 */
export async function refreshComparisons(
  client: GraphQLClient,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<ComparisonOutcome[]> {
  const memos = await excel.readMemos(COMPARISON_PREFIX);
  const out: ComparisonOutcome[] = [];
  for (const m of memos) {
    const req = parseMemo(m.memo);
    if (req) out.push(await buildComparison(client, req, onProgress, signal));
  }
  return out;
}
