/**
 * The round-trip check shared by the property tests: push the sheet's edits to a server that
 * holds exactly the baseline, apply the results, and require baseline = sheet = server.
 */
import { expect } from 'vitest';
import {
  applyPushResult,
  diffSheet,
  pendingEntries,
  planPush,
  singleBatch,
  type Baseline,
  type CellKey,
  type MarkState,
  type SheetEntry,
} from '../../../addin/src/sync';
import type { LongEdit } from './arbitraries';
import { baselineState, col, FakeServer, serverState } from './helpers';

// SYNC_RUNS=5000 runs the properties deeper without editing tests (FC_SEED picks other cases:
// test/fast-check-seed.ts).
export const RUNS = { numRuns: Number(process.env.SYNC_RUNS ?? 150) };

export function applyLongEdits(grid: unknown[][], edits: readonly LongEdit[], free: readonly CellKey[]): void {
  const c = (label: string) => col(grid, label);
  let added = 0;
  for (const e of edits) {
    if (e.kind === 'add') {
      const key = free[added];
      if (!key) continue;
      added++;
      grid.push([
        key.unitCode,
        null,
        key.indicatorCode,
        null,
        null,
        key.period,
        e.value,
        e.status,
        e.source,
        null,
        null,
      ]);
      continue;
    }
    if (grid.length < 2) continue;
    const row = grid[1 + (e.row % (grid.length - 1))]!;
    if (e.kind === 'value') row[c('Giá trị')] = e.value;
    if (e.kind === 'status') row[c('Tình trạng')] = e.status;
    if (e.kind === 'source') row[c('Nguồn')] = e.text;
    if (e.kind === 'note') row[c('Ghi chú')] = e.text;
  }
}

/** The sheet's intended server state: every readable row with a value, by key. */
function sheetState(b: Baseline, entries: readonly SheetEntry[]): Map<string, CellKey> {
  const d = diffSheet(b, entries);
  return new Map(d.entries.filter((e) => e.desired.value !== null).map((e) => [e.keyId, e.key]));
}

export const WRITTEN: ReadonlySet<MarkState> = new Set(['CREATED', 'UPDATED', 'DELETED', 'UNCHANGED']);

/** Push the sheet's edits to a server that holds exactly the baseline; check the round trip. */
export function pushAndCheck(server: FakeServer, baseline: Baseline, read: () => SheetEntry[]): void {
  const plan = planPush(diffSheet(baseline, read()));
  const batch = singleBatch(plan);
  // A dry run first: it reports exactly what the real push then does, and moves nothing.
  const dry = applyPushResult(baseline, batch, server.push({ rows: plan.rows, dryRun: true }));
  expect(dry.baseline).toBe(baseline);
  const real = applyPushResult(baseline, batch, server.push({ rows: plan.rows }));
  expect(real.marks.every((m) => WRITTEN.has(m.state))).toBe(true);
  expect(dry.marks.map((m) => m.outcome)).toEqual(real.marks.map((m) => m.outcome));
  expect(real.warnings).toEqual([]);

  const next = diffSheet(real.baseline, read());
  expect(pendingEntries(next)).toEqual([]);
  expect(next.problems).toEqual([]);
  expect(next.missing).toEqual([]);
  // No edit lost, none duplicated: the baseline holds exactly the sheet's keys with values…
  const want = sheetState(real.baseline, read());
  expect([...real.baseline.cells.keys()].sort()).toEqual([...want.keys()].sort());
  // …and is what the server holds.
  expect(baselineState(real.baseline)).toEqual(serverState(server));
}
