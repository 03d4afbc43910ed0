/** Small stand-ins for what jobs report: the reducer only looks at ids, keys and counts. */
import type { GraphQLClient } from '../../../addin/src/api';
import type { CellKey, Conflict, MarkState } from '../../../addin/src/sync';
import { cellKey } from '../../../addin/src/sync';
import { initialState, type WorkbenchState } from '../../../addin/src/taskpane/workbench/state';
import type { PendingRefresh } from '../../../addin/src/workflow/pull';
import type { ResultItem, ReviewResult } from '../../../addin/src/workflow/push';
import type { BoundSheet } from '../../../addin/src/workflow/sheet';

export const client = { endpoint: 'https://chitieu.test/graphql' } as unknown as GraphQLClient;

export function sheet(sheetId = 'S1', sheetName = 'Hà Trung XXII'): BoundSheet {
  return { sheetId, sheetName, binding: {} as BoundSheet['binding'], baseline: {} as BoundSheet['baseline'] };
}

export const key = (indicatorCode: string, period = '2023'): CellKey => ({ unitCode: '392', indicatorCode, period });

export function conflict(indicatorCode: string, row = 2): Conflict {
  const k = key(indicatorCode);
  return {
    key: k,
    keyId: cellKey(k),
    at: { value: { row, col: 8 } },
    mine: { value: 1, status: 'OFFICIAL', source: null, note: null },
    baseVersion: 1,
    server: null,
  };
}

export function item(indicatorCode: string, state: MarkState, row = 2): ResultItem {
  return {
    id: `${row}:8:${indicatorCode}`,
    state,
    at: { row, col: 8 },
    key: key(indicatorCode),
    code: null,
    message: null,
  };
}

export function result(over: Partial<ReviewResult> = {}): ReviewResult {
  return {
    dryRun: false,
    sheet: sheet(),
    items: [],
    conflicts: [],
    counts: {},
    sent: 0,
    applied: true,
    unsent: 0,
    missing: 0,
    repaired: 0,
    warnings: [],
    ...over,
  };
}

export function pending(canMerge: boolean): PendingRefresh {
  return {
    sheet: sheet(),
    fresh: {} as PendingRefresh['fresh'],
    analysis: null,
    canMerge,
    edits: 2,
    problems: 0,
    conflicts: 0,
  };
}

/** Connected, on a pulled sheet, nothing running. */
export function ready(): WorkbenchState {
  return {
    ...initialState('vi'),
    connection: { client, viewer: null, indicators: [] },
    active: { kind: 'bound', sheet: sheet() },
  };
}
