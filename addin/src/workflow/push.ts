/**
 * Preview (a dry run), push, and settling conflicts. Every run reads the sheet afresh, diffs it
 * against the stored baseline, sends the plan, and paints each sent cell with what the server
 * said; cells the add-in would not send (text in a number cell, a bad period) are painted too.
 * The baseline moves only for rows the server wrote, so whatever was not written stays an edit.
 */
import type { GraphQLClient } from '../api';
import { CancelledError, pushRows, throwIfCancelled } from '../api';
import * as excel from '../excel';
import type { CellKey, CellMark, Conflict, MarkState, ObservationStatus, PushPlan, SheetPos, Table } from '../sync';
import {
  LONG_COLUMNS,
  applyPushResult,
  cellKey,
  diffSheet,
  planPush,
  problemMarks,
  resolveKeepMine,
  resolveTakeServer,
  splitPlan,
} from '../sync';
import { MARK_COLORS } from './marks';
import type { BoundSheet, WrittenSheet } from './sheet';
import { readEntries, saveSheetBaseline } from './sheet';

export class SheetShapeError extends Error {
  constructor(readonly missingColumns: readonly string[]) {
    super(`The sheet lacks the column(s) ${missingColumns.join(', ')}`);
  }
}
export class WrongServerError extends Error {
  constructor(readonly sheetServer: string) {
    super(`The sheet was pulled from ${sheetServer}`);
  }
}
export class TooLargeError extends Error {
  constructor(
    readonly rows: number,
    readonly maxRows: number,
  ) {
    super(`${rows} rows exceed ${maxRows} for one all-or-nothing push`);
  }
}

export interface ResultItem {
  readonly id: string;
  readonly state: MarkState;
  readonly at: SheetPos;
  readonly key: CellKey | null;
  readonly code: string | null;
  /** The engine's or server's own (English) message. */
  readonly message: string | null;
  /** A unique fix for a cell the add-in did not send ("12,5" → 12.5). */
  readonly suggestion?: number | string;
  /** The readings of an ambiguous cell ("1,5%" on an indicator not in %: 0.015 or 1.5). */
  readonly candidates?: readonly (number | string)[];
}

export interface ReviewResult {
  readonly dryRun: boolean;
  readonly sheet: BoundSheet;
  readonly items: readonly ResultItem[];
  readonly conflicts: readonly Conflict[];
  readonly counts: Partial<Record<MarkState, number>>;
  readonly sent: number;
  /** Server said it wrote (every batch applied, or non-atomic); null for a dry run. */
  readonly applied: boolean | null;
  /** Rows of the plan never sent: the push was cancelled between two batches. They stay edits. */
  readonly unsent: number;
  /** Rows pulled that the sheet no longer shows (never deleted on the server because of that). */
  readonly missing: number;
  /** Lost leading zeros put back ("1" → "001"). */
  readonly repaired: number;
  readonly warnings: readonly string[];
}

export interface ReviewOptions {
  readonly dryRun: boolean;
  readonly atomic: boolean;
  readonly defaultStatus?: ObservationStatus;
  /** Send only these keys (re-pushing one settled conflict); other cells keep their marks. */
  readonly onlyKeys?: ReadonlySet<string>;
  /** The title and text a marked cell shows when selected in Excel (the user's language). */
  readonly annotate?: (item: ResultItem) => { title: string; message: string | null };
  /**
   * Rows answered so far, reported as each batch is sent and again when its answer is in (a push
   * over the server's row limit goes in batches).
   */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Cancels between server requests, never during one: a request sent is awaited and applied (the
   * server has committed it or not, and the result says which); the batches after it are not sent
   * (`unsent`). Cancelled before the first request, nothing is sent and CancelledError is thrown.
   * A preview writes nothing on the server, so it stops at once, also mid-request.
   */
  readonly signal?: AbortSignal;
}

function only(plan: PushPlan, keys: ReadonlySet<string>): PushPlan {
  const keep = plan.refs.map((r) => keys.has(r.keyId));
  return {
    rows: plan.rows.filter((_, i) => keep[i]),
    refs: plan.refs.filter((_, i) => keep[i]),
    problems: plan.problems.filter((p) => p.key && keys.has(cellKey(p.key))),
    missing: [],
  };
}

export async function review(client: GraphQLClient, sheet: BoundSheet, opts: ReviewOptions): Promise<ReviewResult> {
  if (sheet.baseline.scope.serverUrl !== client.endpoint) throw new WrongServerError(sheet.baseline.scope.serverUrl);
  const { signal } = opts;
  throwIfCancelled(signal);
  const { read, area } = await readEntries(sheet);
  if (!read.ok) throw new SheetShapeError(read.missingColumns);
  const diff = diffSheet(sheet.baseline, read.entries, { defaultStatus: opts.defaultStatus });
  await excel.writeCells(
    sheet.sheetId,
    diff.repairs.map((r) => ({ row: r.at.row, col: r.at.col, value: r.to, text: true })),
  );
  const full = planPush(diff);
  const plan = opts.onlyKeys ? only(full, opts.onlyKeys) : full;
  const split = splitPlan(plan, { atomic: opts.atomic });
  if (!split.ok) throw new TooLargeError(split.rowCount, split.maxRows);

  let baseline = sheet.baseline;
  const marks: CellMark[] = [];
  const conflicts: Conflict[] = [];
  const writes: { row: number; col: number; value: number | string | boolean | null }[] = [];
  const warnings: string[] = [];
  let applied: boolean | null = opts.dryRun ? null : true;
  let unsent = 0;
  for (const batch of split.batches) {
    if (batch.rows.length === 0) continue;
    if (signal?.aborted) {
      if (opts.dryRun || batch.offset === 0) throw new CancelledError();
      // Earlier batches are committed: their result is applied below, the rest stays to push.
      unsent = plan.rows.length - batch.offset;
      break;
    }
    opts.onProgress?.(batch.offset, plan.rows.length);
    const payload = await pushRows(client, batch.rows, { dryRun: opts.dryRun, atomic: batch.atomic, signal });
    const res = applyPushResult(baseline, batch, payload);
    baseline = res.baseline;
    marks.push(...res.marks);
    conflicts.push(...res.conflicts);
    writes.push(...res.writes.map((w) => ({ row: w.at.row, col: w.at.col, value: w.value })));
    warnings.push(...res.warnings);
    if (!opts.dryRun && batch.atomic && !payload.applied) applied = false;
    opts.onProgress?.(batch.offset + batch.rows.length, plan.rows.length);
  }
  const sent = marks.length;
  marks.push(...problemMarks(plan.problems));
  const items: ResultItem[] = marks.map((m, i) => {
    const problem = i >= sent ? plan.problems[i - sent] : undefined;
    const suggestion = problem?.suggestion;
    return {
      id: `${m.at.row}:${m.at.col}:${i}`,
      state: m.state,
      at: m.at,
      key: m.key,
      code: m.code,
      message: m.message,
      ...(suggestion !== undefined ? { suggestion } : {}),
      ...(problem?.candidates ? { candidates: problem.candidates } : {}),
    };
  });
  await excel.writeCells(sheet.sheetId, writes);
  // Roundings and repaired codes changed the table: a pivot over it would show the old figures.
  if (writes.length > 0 || diff.repairs.length > 0) await refreshPivots(sheet);
  // Derived values keep their read-only mark; they are painted, not listed among the results.
  const derived = opts.onlyKeys ? [] : derivedItems(diff.readOnly.map((r) => ({ at: r.at, key: r.key, info: r.cell })));
  await paint(sheet, [...items, ...derived], opts.onlyKeys ? null : area, opts.annotate);
  const saved = baseline !== sheet.baseline ? await saveSheetBaseline(sheet, baseline) : sheet;

  const counts: Partial<Record<MarkState, number>> = {};
  for (const m of marks) counts[m.state] = (counts[m.state] ?? 0) + 1;
  return {
    dryRun: opts.dryRun,
    sheet: saved,
    items,
    conflicts,
    counts,
    sent: plan.rows.length,
    applied,
    unsent,
    missing: opts.onlyKeys ? 0 : diff.missing.length,
    repaired: diff.repairs.length,
    warnings,
  };
}

async function paint(
  sheet: BoundSheet,
  items: readonly ResultItem[],
  area: excel.MarkArea | null,
  annotate?: ReviewOptions['annotate'],
): Promise<void> {
  await excel.applyMarks(
    sheet.sheetId,
    items.map((m) => {
      const a = annotate?.(m) ?? { title: m.state, message: m.message };
      return {
        row: m.at.row,
        col: m.at.col,
        color: MARK_COLORS[m.state],
        title: a.title,
        message: a.message ?? undefined,
      };
    }),
    area,
  );
}

/**
 * Read-only marks for derived values (boundaries CURRENT): the code says whether the combination is
 * complete, the message lists the units combined.
 */
export function derivedItems(
  cells: readonly { at: SheetPos; key: CellKey; info: { complete: boolean; contributors: string | null } }[],
): ResultItem[] {
  return cells.map((c, i) => ({
    id: `d${i}`,
    at: c.at,
    key: c.key,
    state: 'DERIVED',
    code: c.info.complete ? null : 'INCOMPLETE',
    message: c.info.contributors,
  }));
}

/** Pivots exist only where Excel has them for the add-in (ExcelApi 1.8, as Compare). */
async function refreshPivots(sheet: BoundSheet): Promise<void> {
  if (excel.supports('pivotRefresh')) await excel.refreshPivotsOver(sheet.sheetId, sheet.binding.tableName);
}

/** Paints the derived values of a freshly written long table (row i + 1 of the grid is cell i). */
export async function markDerived(
  sheet: WrittenSheet,
  table: Table,
  annotate?: ReviewOptions['annotate'],
): Promise<void> {
  if (table.layout !== 'long') return;
  const col = sheet.columns[LONG_COLUMNS.indexOf('value')]!;
  const cells = table.cells.flatMap((c, i) =>
    c.derived ? [{ at: { row: sheet.origin.row + i + 1, col }, key: c, info: c.derived }] : [],
  );
  if (cells.length > 0) await paint(sheet, derivedItems(cells), null, annotate);
}

/** Paints conflicts a refresh found (no server round trip: the refresh already compared). */
export async function markConflicts(
  sheet: BoundSheet,
  conflicts: readonly Conflict[],
  annotate?: ReviewOptions['annotate'],
): Promise<void> {
  if (conflicts.length === 0) return;
  const items: ResultItem[] = conflicts.map((c, i) => ({
    id: `c${i}`,
    at: c.at.value,
    key: c.key,
    state: 'CONFLICT',
    code: null,
    message: null,
  }));
  await paint(sheet, items, null, annotate);
}

/** "Take server value": the server's row replaces the user's in the sheet and the baseline. */
export async function takeServer(sheet: BoundSheet, conflict: Conflict): Promise<BoundSheet> {
  const r = resolveTakeServer(sheet.baseline, conflict);
  await excel.writeCells(
    sheet.sheetId,
    r.writes.map((w) => ({ row: w.at.row, col: w.at.col, value: w.value, text: w.text === true })),
  );
  await excel.clearMarks(sheet.sheetId, [conflict.at.value]);
  const saved = await saveSheetBaseline(sheet, r.baseline);
  if (r.writes.length > 0) await refreshPivots(saved);
  return saved;
}

/** "Keep mine": adopt the server's version as the base, then push this one value over it. */
export async function keepMine(
  client: GraphQLClient,
  sheet: BoundSheet,
  conflict: Conflict,
  opts: Omit<ReviewOptions, 'dryRun' | 'onlyKeys'>,
): Promise<ReviewResult> {
  const r = resolveKeepMine(sheet.baseline, conflict);
  const rebased = await saveSheetBaseline(sheet, r.baseline);
  return review(client, rebased, { ...opts, dryRun: false, onlyKeys: new Set([conflict.keyId]) });
}
