/**
 * Compare: a province-wide long table and, beside it, a PivotTable with the districts and communes down the side
 * and the periods across. The long table is a normal pulled sheet (it can be edited and pushed);
 * the pivot is only a view of it, refreshed with Excel's own "Refresh All".
 */
import type { GraphQLClient } from '../api';
import * as excel from '../excel';
import { LONG_HEADERS } from '../sync';
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
    label: `So sánh ${req.provinceName}${req.boundaries === 'CURRENT' ? ' (nay)' : ''}`,
  };
}

export async function compare(
  client: GraphQLClient,
  req: CompareRequest,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<PullOutcome> {
  return pull(client, compareRequest(req), onProgress, signal);
}

/**
 * The pivot over a written comparison table. Where Excel can filter, the indicator reported by the
 * most districts is preselected: the comparison people open the pivot for.
 */
export async function pivotFor(
  written: Extract<PullOutcome, { kind: 'written' }>,
  provinceName: string,
): Promise<excel.PivotResult> {
  const units = new Map<string, Set<string>>();
  for (const c of written.table.cells) {
    const set = units.get(c.indicatorCode) ?? new Set<string>();
    set.add(c.unitCode);
    units.set(c.indicatorCode, set);
  }
  const best = [...units.entries()].sort((a, b) => b[1].size - a[1].size || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  const first = written.table.catalog.indicators.find((i) => i.code === best);
  return excel.createPivot({
    sourceSheetId: written.sheet.sheetId,
    sourceTable: written.tableName,
    pivotSheetName: `Pivot ${provinceName}`,
    pivotName: 'ChiTieu_SoSanh',
    rowField: LONG_HEADERS.unitName,
    columnField: LONG_HEADERS.period,
    valueField: LONG_HEADERS.value,
    filterField: LONG_HEADERS.indicatorName,
    filterItem: first?.name ?? null,
  });
}
