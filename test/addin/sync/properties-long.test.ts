/**
 * Property-based tests of the sync engine on the long layout, against the in-memory server of
 * helpers.ts: for random tables and random edit sequences,
 * (1) build → read back → diff is empty;
 * (2) diff ∘ plan ∘ apply(successful results) yields a baseline equal to the sheet and the server;
 * (3) after a partial non-atomic push every rejected edit is still pending, and only those;
 * plus: junk is never pushed, deleted rows never delete server data.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyPushResult,
  baselineFromTable,
  cellKey,
  decimalsOf,
  diffSheet,
  isCanonicalPeriod,
  LONG_COLUMNS,
  longTableFromObservations,
  pendingEntries,
  planPush,
  readLongGrid,
  renderLongGrid,
  sameContent,
  singleBatch,
} from '../../../addin/src/sync';
import { junkCellArb, longEditArb, longWorldArb } from './arbitraries';
import { applyLongEdits, pushAndCheck, RUNS, WRITTEN } from './check';
import { copyGrid, FakeServer, PULL, readLong } from './helpers';

describe('property: long layout', () => {
  it('(1′) retyping every figure of a % indicator as a percent ("7,34%" in a 0.00% cell) changes nothing', () => {
    fc.assert(
      fc.property(longWorldArb, ([observations]) => {
        const table = longTableFromObservations(observations);
        const grid = copyGrid(renderLongGrid(table));
        const formats = grid.map((r) => r.map(() => 'General'));
        const v = LONG_COLUMNS.indexOf('value');
        const unit = LONG_COLUMNS.indexOf('unitOfMeasure');
        for (let row = 1; row < grid.length; row++) {
          if (grid[row]![unit] !== '%') continue;
          // What Excel stores for a typed percent: the figure / 100 at 15 significant digits.
          grid[row]![v] = Number(((grid[row]![v] as number) / 100).toPrecision(15));
          formats[row]![v] = '0.00%';
        }
        const read = readLongGrid(grid, formats);
        if (!read.ok) throw new Error(read.message);
        const diff = diffSheet(baselineFromTable(table, PULL), read.entries);
        expect(diff.problems).toEqual([]);
        expect(pendingEntries(diff)).toEqual([]);
      }),
      RUNS,
    );
  });

  it('(1) build → read back → diff is empty', () => {
    fc.assert(
      fc.property(longWorldArb, ([observations]) => {
        const table = longTableFromObservations(observations);
        const grid = copyGrid(renderLongGrid(table));
        const diff = diffSheet(baselineFromTable(table, PULL), readLong(grid));
        expect(pendingEntries(diff)).toEqual([]);
        expect(diff.problems).toEqual([]);
        expect(diff.missing).toEqual([]);
        expect(diff.entries).toHaveLength(observations.length);
      }),
      RUNS,
    );
  });

  it('(2) diff ∘ plan ∘ apply(successful results) makes baseline = sheet = server', () => {
    fc.assert(
      fc.property(longWorldArb, fc.array(longEditArb, { maxLength: 25 }), ([observations, free], edits) => {
        const server = new FakeServer(observations);
        const table = longTableFromObservations(server.observations());
        const baseline = baselineFromTable(table, PULL);
        const grid = copyGrid(renderLongGrid(table));
        applyLongEdits(grid, edits, free);
        pushAndCheck(server, baseline, () => readLong(grid));
      }),
      RUNS,
    );
  });

  it('(3) after a partial non-atomic push, exactly the rejected edits are still pending, unchanged', () => {
    fc.assert(
      fc.property(
        longWorldArb,
        fc.array(longEditArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.constantFrom('lock', 'conflict', 'none', 'none'), { maxLength: 40 }),
        fc.option(fc.constantFrom('001', '392'), { nil: null }),
        fc.boolean(),
        ([observations, free], edits, interference, forbidden, atomic) => {
          const server = new FakeServer(observations);
          const table = longTableFromObservations(server.observations());
          const baseline = baselineFromTable(table, PULL);
          const grid = copyGrid(renderLongGrid(table));
          applyLongEdits(grid, edits, free);
          const plan = planPush(diffSheet(baseline, readLong(grid)));
          plan.refs.forEach((ref, i) => {
            const what = interference[i % Math.max(1, interference.length)];
            if (what === 'lock') server.locked.add(ref.keyId);
            if (what === 'conflict') server.edit(ref.key, 424242);
          });
          if (forbidden) server.forbiddenUnits.add(forbidden);
          const batch = singleBatch(plan, atomic);
          const result = applyPushResult(baseline, batch, server.push({ rows: plan.rows, atomic }));

          const rejected = new Set<string>();
          result.marks.forEach((m, i) => {
            if (!WRITTEN.has(m.state)) rejected.add(plan.refs[i]!.keyId);
          });
          if (atomic && rejected.size > 0) {
            expect(result.baseline).toBe(baseline);
            plan.refs.forEach((r) => rejected.add(r.keyId));
          }
          const next = pendingEntries(diffSheet(result.baseline, readLong(grid)));
          expect(next.map((e) => e.keyId).sort()).toEqual([...rejected].sort());
          for (const e of next) {
            const ref = plan.refs.find((r) => r.keyId === e.keyId)!;
            expect(sameContent(e.desired, ref.mine, decimalsOf(baseline, e.key.indicatorCode))).toBe(true);
          }
          for (const c of result.conflicts) expect(rejected.has(c.keyId)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('junk typed anywhere is never pushed: plan rows are unique, canonical and finite', () => {
    fc.assert(
      fc.property(
        longWorldArb,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 10 }), junkCellArb), { maxLength: 20 }),
        ([observations], junk) => {
          const table = longTableFromObservations(observations);
          const baseline = baselineFromTable(table, PULL);
          const grid = copyGrid(renderLongGrid(table));
          grid.push(Array(11).fill(null));
          for (const [r, c, v] of junk) grid[1 + (r % (grid.length - 1))]![c] = v;
          const diff = diffSheet(baseline, readLong(grid));
          const plan = planPush(diff);
          expect(new Set(plan.rows.map((r) => cellKey(r))).size).toBe(plan.rows.length);
          for (const row of plan.rows) {
            expect(isCanonicalPeriod(row.period)).toBe(true);
            expect(row.value === null || Number.isFinite(row.value)).toBe(true);
            expect('baseVersion' in row).toBe(baseline.cells.has(cellKey(row)));
          }
          // A value problem keeps its row from the push; an edited name (READ_ONLY_EDITED) does not.
          const blocking = diff.problems.filter((p) => p.code !== 'READ_ONLY_EDITED');
          const problemKeys = new Set(blocking.flatMap((p) => (p.key ? [cellKey(p.key)] : [])));
          for (const ref of plan.refs) expect(problemKeys.has(ref.keyId)).toBe(false);
          for (const p of diff.problems.filter((q) => q.code === 'READ_ONLY_EDITED'))
            expect([1, 3, 4]).toContain(p.at.col);
          for (const p of diff.problems) {
            expect(p.at.row).toBeLessThan(grid.length);
            expect(p.at.col).toBeLessThan(11);
          }
        },
      ),
      RUNS,
    );
  });

  it('deleting rows never deletes server data', () => {
    fc.assert(
      fc.property(longWorldArb, fc.array(fc.nat(), { maxLength: 10 }), ([observations], drops) => {
        const table = longTableFromObservations(observations);
        const grid = copyGrid(renderLongGrid(table));
        for (const d of drops) if (grid.length > 1) grid.splice(1 + (d % (grid.length - 1)), 1);
        const diff = diffSheet(baselineFromTable(table, PULL), readLong(grid));
        expect(planPush(diff).rows).toEqual([]);
        expect(diff.missing.length).toBe(observations.length - (grid.length - 1));
      }),
      RUNS,
    );
  });
});
