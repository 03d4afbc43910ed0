/**
 * Pull and refresh. A pull into a scope the workbook already has (same term, same filter, same
 * server) is a refresh of that sheet, and a refresh never silently discards un-pushed work: when
 * the sheet holds edits, the caller gets a decision to put to the user — merge the edits on top of
 * the fresh figures, or overwrite them — and nothing is written until one is chosen.
 */
import type { GraphQLClient, LongFilter } from '../api';
import { fetchLongTable, fetchTermSheet, throwIfCancelled } from '../api';
import * as excel from '../excel';
import type { Conflict, PullInfo, RefreshAnalysis, Table } from '../sync';
import { baselineFromTable, cellKey, diffSheet, longTableFromObservations, mergeRefresh, termTableFrom } from '../sync';
import type { BoundSheet, WrittenSheet } from './sheet';
import { loadSheet, readEntries, writeTable } from './sheet';

export type PullRequest =
  | { readonly layout: 'term'; readonly termId: string }
  | { readonly layout: 'long'; readonly filter: LongFilter; readonly label: string };

export type Progress = (phase: 'download' | 'write' | 'push', done: number, total: number) => void;

export interface FreshPull {
  readonly request: PullRequest;
  readonly table: Table;
  readonly pull: PullInfo;
  readonly sheetName: string;
  readonly scopeKey: string;
}

export interface PendingRefresh {
  readonly sheet: BoundSheet;
  readonly fresh: FreshPull;
  /** null when the sheet cannot be read any more (a key column deleted): only overwrite is possible. */
  readonly analysis: RefreshAnalysis | null;
  readonly canMerge: boolean;
  readonly edits: number;
  readonly problems: number;
  readonly conflicts: number;
}

export type PullOutcome =
  | {
      readonly kind: 'written';
      readonly sheet: WrittenSheet;
      readonly table: Table;
      readonly tableName: string;
      readonly rows: number;
      readonly refreshed: boolean;
      readonly conflicts: readonly Conflict[];
    }
  | { readonly kind: 'decide'; readonly pending: PendingRefresh };

export function scopeKeyOf(req: PullRequest): string {
  return req.layout === 'term' ? `term:${req.termId}` : `long:${JSON.stringify(req.filter)}`;
}

/**
 * Downloads what `req` names and turns it into a table (no Excel involved yet). `signal` cancels
 * the download; pull and refresh also stop on it up to the moment they start writing the sheet, so
 * a cancelled pull leaves the workbook as it was.
 */
export async function download(
  client: GraphQLClient,
  req: PullRequest,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<FreshPull> {
  // Taken before the download: edits that land while it runs are "since" this instant.
  const pull: PullInfo = { serverUrl: client.endpoint, pulledAt: new Date().toISOString(), query: scopeKeyOf(req) };
  const progress = (done: number, total: number) => onProgress?.('download', done, total);
  if (req.layout === 'term') {
    const data = await fetchTermSheet(client, req.termId, progress, signal);
    return {
      request: req,
      table: termTableFrom(data),
      pull,
      sheetName: `${data.unitShortName} ${data.congressRoman}`,
      scopeKey: scopeKeyOf(req),
    };
  }
  const data = await fetchLongTable(client, req.filter, progress, signal);
  return {
    request: req,
    table: longTableFromObservations(data.observations, data.catalog),
    pull,
    sheetName: req.label,
    scopeKey: scopeKeyOf(req),
  };
}

export async function pull(
  client: GraphQLClient,
  req: PullRequest,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<PullOutcome> {
  const fresh = await download(client, req, onProgress, signal);
  throwIfCancelled(signal);
  const [bindings, sheets] = await Promise.all([excel.listBindings(), excel.listSheets()]);
  const existing = bindings.find(
    (b) => b.scopeKey === fresh.scopeKey && b.serverUrl === client.endpoint && sheets.some((s) => s.id === b.sheetId),
  );
  if (existing) {
    const loaded = await loadSheet(existing.sheetId, existing.sheetName);
    if (loaded.kind === 'bound') return refresh(loaded.sheet, fresh, null, onProgress, signal);
  }
  const name = excel.uniqueSheetName(
    excel.safeSheetName(fresh.sheetName),
    sheets.map((s) => s.name),
  );
  return write({ sheetId: null, sheetName: name }, fresh, onProgress, false, signal);
}

async function write(
  target: { sheetId: string | null; sheetName: string; tableName?: string },
  fresh: FreshPull,
  onProgress?: Progress,
  refreshed = false,
  signal?: AbortSignal,
): Promise<PullOutcome> {
  throwIfCancelled(signal); // the last moment: from here on the sheet is being written
  const baseline = baselineFromTable(fresh.table, fresh.pull);
  const binding = { layout: fresh.table.layout, scopeKey: fresh.scopeKey, serverUrl: fresh.pull.serverUrl };
  const sheet = await writeTable(target, fresh.table, binding, baseline, (d, t) => onProgress?.('write', d, t));
  return {
    kind: 'written',
    sheet,
    table: fresh.table,
    tableName: sheet.tableName,
    rows: fresh.table.cells.length,
    refreshed,
    conflicts: [],
  };
}

/**
 * Refreshes `sheet` with `fresh`. Without a `choice`, proceeds only when nothing would be lost;
 * otherwise returns the decision to ask for.
 */
export async function refresh(
  sheet: BoundSheet,
  fresh: FreshPull,
  choice: 'merge' | 'overwrite' | null,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<PullOutcome> {
  // The same table, by the name the binding keeps: a pivot over it keeps its source.
  const target = {
    sheetId: sheet.sheetId,
    sheetName: sheet.sheetName,
    ...(sheet.binding.tableName ? { tableName: sheet.binding.tableName } : {}),
  };
  if (choice === 'overwrite') return write(target, fresh, onProgress, true, signal);
  const { read } = await readEntries(sheet);
  if (!read.ok) {
    return {
      kind: 'decide',
      pending: { sheet, fresh, analysis: null, canMerge: false, edits: 0, problems: 0, conflicts: 0 },
    };
  }
  const merged = mergeRefresh(sheet.baseline, read.entries, fresh.table, fresh.pull);
  const analysis = merged.analysis;
  const lossless = analysis !== null && analysis.wouldOverwrite.length === 0;
  if (lossless) return write(target, fresh, onProgress, true, signal);
  if (choice !== 'merge' || !merged.ok) {
    return {
      kind: 'decide',
      pending: {
        sheet,
        fresh,
        analysis,
        canMerge: merged.ok,
        edits: analysis ? analysis.wouldOverwrite.filter((w) => w.entry).length : 0,
        // Read-only edits are not work a refresh would lose: it renders those columns anew.
        problems: analysis ? analysis.diff.problems.filter((p) => p.code !== 'READ_ONLY_EDITED').length : 0,
        conflicts: analysis ? analysis.conflicts.length : 0,
      },
    };
  }
  const binding = { layout: fresh.table.layout, scopeKey: fresh.scopeKey, serverUrl: fresh.pull.serverUrl };
  throwIfCancelled(signal);
  const written = await writeTable(target, merged.table, binding, merged.baseline, (d, t) =>
    onProgress?.('write', d, t),
  );
  // Conflicts were found at the old positions; point them at where the re-rendered sheet put them.
  const conflicts = await relocate(written, merged.analysis.conflicts);
  return {
    kind: 'written',
    sheet: written,
    table: merged.table,
    tableName: written.tableName,
    rows: merged.table.cells.length,
    refreshed: true,
    conflicts,
  };
}

async function relocate(sheet: WrittenSheet, conflicts: readonly Conflict[]): Promise<Conflict[]> {
  if (conflicts.length === 0) return [];
  const { read } = await readEntries(sheet);
  if (!read.ok) return [...conflicts];
  const at = new Map(diffSheet(sheet.baseline, read.entries).entries.map((e) => [e.keyId, e.at]));
  return conflicts.map((c) => ({ ...c, at: at.get(cellKey(c.key)) ?? c.at }));
}

/** The request that produced a bound sheet, to pull it again (Refresh). */
export function requestFromScope(scopeKey: string, sheetName: string): PullRequest | null {
  if (scopeKey.startsWith('term:')) return { layout: 'term', termId: scopeKey.slice(5) };
  if (scopeKey.startsWith('long:')) {
    try {
      return { layout: 'long', filter: JSON.parse(scopeKey.slice(5)) as LongFilter, label: sheetName };
    } catch {
      return null;
    }
  }
  return null;
}
