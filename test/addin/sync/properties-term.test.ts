/**
 * Property-based tests of the term sheet: (1) build → read back → diff is empty, missing years and
 * foreign observations included; (2) diff ∘ plan ∘ apply(successful results) makes
 * baseline = sheet = server.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  diffSheet,
  pendingEntries,
  renderTermGrid,
  termTableFrom,
  type TargetInfo,
} from '../../../addin/src/sync';
import { indicatorCodeArb, keyArb, statusArb, textArb, valueArb } from './arbitraries';
import { pushAndCheck, RUNS } from './check';
import { copyGrid, FakeServer, obs, PULL, readTerm } from './helpers';

const termWorldArb = fc
  .record({
    startYear: fc.integer({ min: 1990, max: 2090 }),
    length: fc.integer({ min: 0, max: 5 }),
    indicators: fc.uniqueArray(indicatorCodeArb, { minLength: 1, maxLength: 5 }),
  })
  .chain(({ startYear, length, indicators }) => {
    const endYear = startYear + length;
    const cells = indicators.flatMap((code) =>
      Array.from({ length: length + 1 }, (_, i) => ({ code, year: startYear + i })),
    );
    return fc.record({
      startYear: fc.constant(startYear),
      endYear: fc.constant(endYear),
      indicators: fc.constant(indicators),
      observed: fc.subarray(cells).chain((sub) =>
        fc.tuple(
          ...sub.map((s) =>
            fc
              .record({
                value: valueArb,
                version: fc.integer({ min: 1, max: 9 }),
                status: statusArb,
                source: textArb,
              })
              .map((r) => obs('392', s.code, String(s.year), r.value, r.version, r)),
          ),
        ),
      ),
      noise: fc.array(
        keyArb.chain((k) => fc.constant(obs(k.unitCode, k.indicatorCode, k.period, 1, 1))),
        { maxLength: 5 },
      ),
      edits: fc.array(fc.record({ row: fc.nat(), year: fc.nat(), value: fc.option(valueArb, { nil: null }) }), {
        maxLength: 20,
      }),
    });
  });

function termSource(
  w: { startYear: number; endYear: number; indicators: string[] },
  observations: readonly ReturnType<typeof obs>[],
) {
  const targets: TargetInfo[] = w.indicators.map((code) => ({
    indicator: { code, name: code, unit: '%', decimals: 2 },
    period: String(w.endYear),
    value: 10,
    comparator: 'AT_LEAST',
  }));
  return {
    term: { id: 'T', unitCode: '392', unitName: 'Hà Trung', startYear: w.startYear, endYear: w.endYear, title: '' },
    targets,
    observations,
  };
}

describe('property: term layout', () => {
  it('(1) build → read back → diff is empty, missing years and foreign observations included', () => {
    fc.assert(
      fc.property(termWorldArb, (w) => {
        // Noise first: an observation of unit 392 that the noise repeats is replaced by the real one.
        const table = termTableFrom(termSource(w, [...w.noise.filter((o) => o.unit.code !== '392'), ...w.observed]));
        const grid = copyGrid(renderTermGrid(table));
        const diff = diffSheet(baselineFromTable(table, PULL), readTerm(grid, '392'));
        expect(pendingEntries(diff)).toEqual([]);
        expect(diff.problems).toEqual([]);
        expect(diff.missing).toEqual([]);
        expect(diff.entries).toHaveLength(w.observed.length);
      }),
      RUNS,
    );
  });

  it('(2) diff ∘ plan ∘ apply(successful results) makes baseline = sheet = server', () => {
    fc.assert(
      fc.property(termWorldArb, (w) => {
        const server = new FakeServer(w.observed);
        const table = termTableFrom(termSource(w, server.observations()));
        const baseline = baselineFromTable(table, PULL);
        const grid = copyGrid(renderTermGrid(table));
        const years = w.endYear - w.startYear + 1;
        for (const e of w.edits) grid[1 + (e.row % (grid.length - 1))]![5 + (e.year % years)] = e.value;
        pushAndCheck(server, baseline, () => readTerm(grid, '392'));
      }),
      RUNS,
    );
  });
});
