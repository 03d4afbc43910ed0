/**
 * Merging a fresh pull into a sheet that still has un-pushed edits.
 *
 * A plain re-render would silently throw the user's work away, so `analyzeRefresh` first lists
 * what an overwrite would lose, and `mergeRefresh` overwrites only when told to. Otherwise each
 * local edit is laid on top of the new server values:
 * - converged: the server now holds what the user typed → nothing left to push;
 * - rebased: the server row did not change since the old pull → the edit stays pending against
 *   the new version (no spurious conflict on the next push);
 * - conflict: the server row changed (or appeared, or vanished) under the edit → the edit stays in
 *   the sheet but the baseline keeps the *old* version for that key, so a push without a decision
 *   is a server CONFLICT, never a silent overwrite. The Conflict is the same type a push returns,
 *   so the same resolveTakeServer / resolveKeepMine settle it.
 * Edits of read-only columns (READ_ONLY_EDITED) are not work to keep: the refresh renders them anew.
 * Typed content that is not yet valid ("12,5", a misspelt status) on a readable key is carried as
 * raw text. Problems that have no usable key (bad period, ambiguous code, duplicate) cannot be
 * placed in a re-rendered sheet: the merge refuses until they are fixed, unless told to overwrite.
 */
import type { Conflict } from './apply';
import type { Baseline, BaselineCell, PullInfo } from './baseline';
import { baselineFromTable, decimalsOf, updateBaseline } from './baseline';
import type { Diff, DiffEntry, DiffOptions, DiffProblem } from './diff';
import { diffSheet, pendingEntries } from './diff';
import type { CarriedRaw, Cell, CellContent, SheetEntry, Table } from './model';
import { cellKey, contentOf, emptyCell, sameContent } from './model';

export interface OverwriteItem {
  readonly keyId: string | null;
  readonly entry: DiffEntry | null;
  readonly problem: DiffProblem | null;
  /** The fresh server row at that key, if any. */
  readonly server: BaselineCell | null;
}

export interface RefreshAnalysis {
  readonly diff: Diff;
  /** Every local change a plain overwrite would lose. Empty → refreshing loses nothing. */
  readonly wouldOverwrite: readonly OverwriteItem[];
  readonly converged: readonly DiffEntry[];
  readonly rebased: readonly DiffEntry[];
  readonly conflicts: readonly Conflict[];
  /** Keyed problems whose raw content is carried over. */
  readonly carried: readonly DiffProblem[];
  /** Problems without a usable key: they block a merge. */
  readonly blocking: readonly DiffProblem[];
}

const CARRIABLE = new Set(['TEXT_NOT_NUMBER', 'BAD_STATUS']);

function sameServerRow(a: BaselineCell | null, b: BaselineCell | null, decimals: number | null): boolean {
  if (a === null || b === null) return a === b;
  return a.version === b.version || sameContent(a, b, decimals);
}

function serverContent(c: BaselineCell | null, fallback: CellContent): CellContent {
  return c ? contentOf(c) : { ...fallback, value: null };
}

export function analyzeRefresh(
  old: Baseline,
  sheet: readonly SheetEntry[],
  fresh: Baseline,
  options: DiffOptions = {},
): RefreshAnalysis {
  const diff = diffSheet(old, sheet, options);
  const wouldOverwrite: OverwriteItem[] = [];
  const converged: DiffEntry[] = [];
  const rebased: DiffEntry[] = [];
  const conflicts: Conflict[] = [];
  for (const e of pendingEntries(diff)) {
    const now = fresh.cells.get(e.keyId) ?? null;
    const decimals = decimalsOf(fresh, e.key.indicatorCode) ?? decimalsOf(old, e.key.indicatorCode);
    wouldOverwrite.push({ keyId: e.keyId, entry: e, problem: null, server: now });
    if (sameContent(e.desired, serverContent(now, e.desired), decimals)) converged.push(e);
    else if (sameServerRow(e.base, now, decimals)) rebased.push(e);
    else {
      conflicts.push({
        key: e.key,
        keyId: e.keyId,
        at: e.at,
        mine: e.desired,
        baseVersion: e.base?.version ?? null,
        server: now
          ? { ...contentOf(now), value: now.value, version: now.version, updatedBy: null, updatedAt: null }
          : null,
      });
    }
  }
  const carried: DiffProblem[] = [];
  const blocking: DiffProblem[] = [];
  for (const p of diff.problems) {
    // A refresh re-renders the read-only columns from the server: that is the point, not a loss.
    if (p.code === 'READ_ONLY_EDITED') continue;
    const keyId = p.key ? cellKey(p.key) : null;
    wouldOverwrite.push({ keyId, entry: null, problem: p, server: keyId ? (fresh.cells.get(keyId) ?? null) : null });
    if (p.key && CARRIABLE.has(p.code)) carried.push(p);
    else blocking.push(p);
  }
  return { diff, wouldOverwrite, converged, rebased, conflicts, carried, blocking };
}

export interface RefreshOptions {
  /** Discard every local change and show the server's state. */
  readonly overwrite?: boolean;
  readonly diff?: DiffOptions;
}

export type RefreshResult =
  | { readonly ok: true; readonly table: Table; readonly baseline: Baseline; readonly analysis: RefreshAnalysis }
  | {
      readonly ok: false;
      readonly reason: 'BLOCKING_PROBLEMS' | 'LAYOUT_MISMATCH';
      readonly analysis: RefreshAnalysis | null;
    };

/** Everything the sheet showed for a problem's entry, to re-render it verbatim. */
function rawOf(sheet: readonly SheetEntry[], p: DiffProblem): CarriedRaw {
  const e = sheet.find((s) => s.value.at.row === p.at.row && (s.value.at.col === p.at.col || p.field !== 'value'));
  if (!e) return { [p.field]: p.raw };
  const raw: { -readonly [K in keyof CarriedRaw]: unknown } = { value: e.value.raw };
  if (e.status) raw.status = e.status.raw;
  if (e.source) raw.source = e.source.raw;
  if (e.note) raw.note = e.note.raw;
  return raw;
}

/**
 * The table to render and the baseline to store after a refresh. With `overwrite`, simply the
 * fresh pull; otherwise the fresh pull with the user's pending edits laid on top (see above).
 */
export function mergeRefresh(
  old: Baseline,
  sheet: readonly SheetEntry[],
  fresh: Table,
  pull: PullInfo,
  options: RefreshOptions = {},
): RefreshResult {
  if (fresh.layout !== old.layout) return { ok: false, reason: 'LAYOUT_MISMATCH', analysis: null };
  const freshBaseline = baselineFromTable(fresh, pull);
  const analysis = analyzeRefresh(old, sheet, freshBaseline, options.diff);
  if (options.overwrite) return { ok: true, table: fresh, baseline: freshBaseline, analysis };
  if (analysis.blocking.length > 0) return { ok: false, reason: 'BLOCKING_PROBLEMS', analysis };

  const cells = new Map<string, Cell>(fresh.cells.map((c) => [cellKey(c), c]));
  const lay = (e: DiffEntry, version: number | null) => cells.set(e.keyId, { ...e.key, ...e.desired, version });
  for (const e of analysis.rebased) lay(e, freshBaseline.cells.get(e.keyId)?.version ?? null);
  for (const c of analysis.conflicts) {
    const e = analysis.diff.entries.find((x) => x.keyId === c.keyId)!;
    lay(e, c.baseVersion);
  }
  for (const p of analysis.carried) {
    const id = cellKey(p.key!);
    const existing = cells.get(id) ?? emptyCell(p.key!);
    cells.set(id, { ...existing, raw: { ...existing.raw, ...rawOf(sheet, p) } });
  }
  // Conflicting keys keep the old pull's row: pushing without a decision must conflict.
  const put = analysis.conflicts.flatMap((c) => (old.cells.has(c.keyId) ? [old.cells.get(c.keyId)!] : []));
  const remove = analysis.conflicts.filter((c) => !old.cells.has(c.keyId)).map((c) => c.keyId);
  const baseline = updateBaseline(freshBaseline, { put, remove });
  const table: Table = { ...fresh, cells: [...cells.values()] };
  return { ok: true, table, baseline, analysis };
}
