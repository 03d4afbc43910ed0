/**
 * Property-based test of refresh: for random tables, random local edits and random concurrent
 * server changes, merging a fresh pull loses no edit — every edit the server does not already
 * hold is still pending afterwards with the same content — and pushing the merged sheet
 * conflicts exactly on the keys the merge reported as conflicts, never on a rebased edit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPushResult,
  baselineFromTable,
  decimalsOf,
  diffSheet,
  longTableFromObservations,
  mergeRefresh,
  pendingEntries,
  planPush,
  renderLongGrid,
  sameContent,
  singleBatch,
  type LongTable,
} from '../../../addin/src/sync';
import { longEditArb, longWorldArb, valueArb } from './arbitraries';
import { applyLongEdits, RUNS } from './check';
import { copyGrid, FakeServer, PULL, readLong } from './helpers';

const LATER = { ...PULL, pulledAt: '2024-06-01T00:00:00.000Z' };

describe('property: refresh', () => {
  it('keeps every un-pushed edit the server does not already hold, and conflicts only where reported', () => {
    fc.assert(
      fc.property(
        longWorldArb,
        fc.array(longEditArb, { maxLength: 20 }),
        fc.array(fc.tuple(fc.nat(), fc.option(valueArb, { nil: null })), { maxLength: 10 }),
        ([observations, free], edits, serverEdits) => {
          const server = new FakeServer(observations);
          const table = longTableFromObservations(server.observations());
          const baseline = baselineFromTable(table, PULL);
          const grid = copyGrid(renderLongGrid(table));
          applyLongEdits(grid, edits, free);
          const before = pendingEntries(diffSheet(baseline, readLong(grid)));

          const keys = [...table.cells, ...free];
          if (keys.length > 0) for (const [i, v] of serverEdits) server.edit(keys[i % keys.length]!, v);

          const r = mergeRefresh(baseline, readLong(grid), longTableFromObservations(server.observations()), LATER);
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          const a = r.analysis;
          expect(a.converged.length + a.rebased.length + a.conflicts.length).toBe(before.length);

          const merged = copyGrid(renderLongGrid(r.table as LongTable));
          const after = new Map(pendingEntries(diffSheet(r.baseline, readLong(merged))).map((e) => [e.keyId, e]));
          const convergedIds = new Set(a.converged.map((e) => e.keyId));
          for (const e of before) {
            if (convergedIds.has(e.keyId)) expect(after.has(e.keyId)).toBe(false);
            // Equal as the server keeps it: at the indicator's decimals.
            else
              expect(
                sameContent(after.get(e.keyId)!.desired, e.desired, decimalsOf(r.baseline, e.key.indicatorCode)),
              ).toBe(true);
          }
          expect(after.size).toBe(before.length - convergedIds.size);

          const plan = planPush(diffSheet(r.baseline, readLong(merged)));
          const result = applyPushResult(
            r.baseline,
            singleBatch(plan, false),
            server.push({ rows: plan.rows, atomic: false }),
          );
          const conflicted = result.marks.flatMap((m, i) => (m.state === 'CONFLICT' ? [plan.refs[i]!.keyId] : []));
          expect(conflicted.sort()).toEqual(a.conflicts.map((c) => c.keyId).sort());
        },
      ),
      RUNS,
    );
  });
});
