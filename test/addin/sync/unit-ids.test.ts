/**
 * Unit ids through pull → baseline → sheet → push (issue 10): a code can name two units in one
 * period (37 in 2025: old Ninh Bình until 2025-06-30, merged Ninh Bình from 2025-07-01), so every
 * pulled row keeps its unit's id and every push row sends it; a typed row is pinned to the one
 * catalogue unit with its code that existed in its period, and sent without an id otherwise.
 */
import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  buildUnitLookup,
  cellKey,
  diffSheet,
  existedIn,
  LONG_COLUMNS,
  longTableFromObservations,
  mergeRefresh,
  parseBaseline,
  pendingEntries,
  planPush,
  readTermGrid,
  renderLongGrid,
  renderTermGrid,
  resolveUnitId,
  serializeBaseline,
  termTableFrom,
  unitIdFor,
  type Catalog,
  type ServerObservation,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL, readLong } from './helpers';

const OLD_NB = 'UHJvdmluY2U6Mjk';
const NEW_NB = 'UHJvdmluY2U6MTAx';
const catalog: Partial<Catalog> = {
  units: [
    { code: '37', name: 'Tỉnh Ninh Bình', id: OLD_NB, validFrom: null, validTo: '2025-06-30' },
    { code: '37', name: 'Tỉnh Ninh Bình', id: NEW_NB, validFrom: '2025-07-01', validTo: null },
  ],
};

function at(o: ServerObservation, id: string): ServerObservation {
  return { ...o, unit: { ...o.unit, id } };
}

const observations = [
  at(obs('37', '01', '2025', 5.1, 3), OLD_NB),
  at(obs('37', '01', '2025', 8.2, 1), NEW_NB),
  at(obs('37', '02', '2025-03', 40, 2), OLD_NB),
];

function pulled() {
  const table = longTableFromObservations(observations, catalog);
  return { table, grid: renderLongGrid(table), baseline: baselineFromTable(table, PULL) };
}

describe('unit ids: catalogue look-up', () => {
  const lookup = buildUnitLookup(baselineFromTable(pulled().table, PULL).unitRefs);

  it('knows which unit existed in a period', () => {
    expect(existedIn({ validFrom: null, validTo: '2025-06-30' }, '2025-06')).toBe(true);
    expect(existedIn({ validFrom: null, validTo: '2025-06-30' }, '2025-Q3')).toBe(false);
    expect(existedIn({ validFrom: '2025-07-01', validTo: null }, '2025')).toBe(true);
    expect(existedIn({ validFrom: '2025-07-01', validTo: null }, '2025-H1')).toBe(false);
  });

  it('pins a code to the one unit of the period, and to none when two or none existed', () => {
    expect(unitIdFor(lookup, '37', '2025-03')).toBe(OLD_NB);
    expect(unitIdFor(lookup, '37', '2025-H2')).toBe(NEW_NB);
    expect(unitIdFor(lookup, '37', '2025')).toBeNull();
    expect(unitIdFor(lookup, '37', '2021..2025')).toBeNull();
    expect(unitIdFor(lookup, '38', '2025')).toBeNull();
  });

  it("keeps a row's own id unless it belongs to another code", () => {
    expect(resolveUnitId(lookup, NEW_NB, '37', '2025')).toBe(NEW_NB);
    expect(resolveUnitId(lookup, ` ${OLD_NB} `, '37', '2025')).toBe(OLD_NB);
    expect(resolveUnitId(lookup, OLD_NB, '38', '2025')).toBeNull();
    expect(resolveUnitId(lookup, 'unknown-id', '38', '2025')).toBe('unknown-id');
  });
});

describe('unit ids: long table', () => {
  it('keeps two units with one code in one period as two rows, told apart by id and name', () => {
    const { table, grid } = pulled();
    expect(table.cells.map((c) => [c.unitCode, c.indicatorCode, c.period, c.unitId])).toEqual([
      ['37', '01', '2025', OLD_NB],
      ['37', '01', '2025', NEW_NB],
      ['37', '02', '2025-03', OLD_NB],
    ]);
    const id = col(grid, 'Mã định danh đơn vị');
    expect(grid.slice(1).map((r) => r[id])).toEqual([OLD_NB, NEW_NB, OLD_NB]);
    expect(grid.slice(1, 3).map((r) => r[col(grid, 'Đơn vị')])).toEqual([
      'Tỉnh Ninh Bình (đến 30/06/2025)',
      'Tỉnh Ninh Bình (từ 01/07/2025)',
    ]);
  });

  it('pushes each edited figure with its own unit id, and is not a duplicate key', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    const v = col(g, 'Giá trị');
    g[1]![v] = 5.5;
    g[2]![v] = 8.8;
    const diff = diffSheet(baseline, readLong(g));
    expect(diff.problems).toEqual([]);
    const plan = planPush(diff);
    expect(plan.rows).toEqual([
      expect.objectContaining({ unitCode: '37', unitId: OLD_NB, period: '2025', value: 5.5, baseVersion: 3 }),
      expect.objectContaining({ unitCode: '37', unitId: NEW_NB, period: '2025', value: 8.8, baseVersion: 1 }),
    ]);
  });

  it('gives a typed row the id of the one unit of its period, and none when the code names two', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    const row = (period: string, value: number) =>
      LONG_COLUMNS.map((c) =>
        c === 'unitCode' ? '37' : c === 'indicatorCode' ? '02' : c === 'period' ? period : c === 'value' ? value : null,
      );
    g.push(row('2025-04', 41), row('2025-Q3', 42), row('2025', 43));
    const plan = planPush(diffSheet(baseline, readLong(g)));
    expect(plan.rows.map((r) => [r.period, r.unitId, r.baseVersion])).toEqual([
      ['2025-04', OLD_NB, undefined],
      ['2025-Q3', NEW_NB, undefined],
      ['2025', undefined, undefined],
    ]);
    expect('unitId' in plan.rows[2]!).toBe(false);
  });

  it("drops a row's hidden id when the user retyped its code", () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[3]![col(g, 'Mã đơn vị')] = '38';
    const [added] = pendingEntries(diffSheet(baseline, readLong(g))).filter((e) => e.kind === 'ADDED');
    expect(added!.key).toEqual({ unitCode: '38', indicatorCode: '02', period: '2025-03' });
  });

  it('reads a sheet pulled before ids (no id column) as before', () => {
    const plain = longTableFromObservations([obs('001', '01', '2023', 1, 1)]);
    const g = renderLongGrid(plain).map((r) => r.slice(0, -1));
    const b = baselineFromTable(plain, PULL);
    g[1]![col(g, 'Giá trị')] = 2;
    expect(planPush(diffSheet(b, readLong(g))).rows).toEqual([
      {
        unitCode: '001',
        indicatorCode: '01',
        period: '2023',
        value: 2,
        status: 'OFFICIAL',
        source: null,
        note: null,
        baseVersion: 1,
      },
    ]);
  });
});

describe('unit ids: refresh', () => {
  it("rebases an edit of merged Ninh Bình over a change to old Ninh Bình's row, with no conflict", () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[2]![col(g, 'Giá trị')] = 9.9; // merged Ninh Bình's 2025
    const fresh = longTableFromObservations(
      [at(obs('37', '01', '2025', 5.2, 4), OLD_NB), ...observations.slice(1)],
      catalog,
    );
    const r = mergeRefresh(baseline, readLong(g), fresh, PULL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.analysis.conflicts).toEqual([]);
    expect(r.analysis.rebased.map((e) => e.key.unitId)).toEqual([NEW_NB]);
    const cells = r.table.cells.filter((c) => c.period === '2025');
    expect(cells.map((c) => [c.unitId, c.raw?.value ?? c.value])).toEqual([
      [OLD_NB, 5.2],
      [NEW_NB, 9.9], // the edit, laid over the fresh figures
    ]);
    const again = planPush(diffSheet(r.baseline, readLong(renderLongGrid(r.table as typeof fresh))));
    expect(again.rows).toEqual([expect.objectContaining({ unitId: NEW_NB, value: 9.9, baseVersion: 1 })]);
  });
});

describe('unit ids: baseline', () => {
  it('stores cell ids, the catalogue and the term unit, and reads them back', () => {
    const { baseline } = pulled();
    const back = parseBaseline(serializeBaseline(baseline));
    expect(back.ok && back.baseline).toEqual(baseline);
    expect(back.ok && back.baseline.unitRefs.map((r) => r.id)).toEqual([NEW_NB, OLD_NB].sort());
    expect(back.ok && [...back.baseline.cells.values()].map((c) => c.unitId).sort()).toEqual(
      [OLD_NB, NEW_NB, OLD_NB].sort(),
    );
  });

  it('still reads a format-1 baseline (no ids)', () => {
    const v1 = JSON.stringify({
      f: 1,
      l: 'long',
      s: ['https://x/graphql', '2024-01-01T00:00:00Z', null, null, null],
      u: ['001'],
      i: [['01', 2]],
      r: [],
      c: [[0, 0, '2023', 1, 4, 2]],
    });
    const r = parseBaseline(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.baseline.scope.unitId).toBeNull();
    expect(r.baseline.unitRefs).toEqual([]);
    expect([...r.baseline.cells.keys()]).toEqual([cellKey({ unitCode: '001', indicatorCode: '01', period: '2023' })]);
  });
});

describe('unit ids: term sheet', () => {
  const term = {
    id: 'VGVybTo5',
    unitCode: '37',
    unitId: NEW_NB,
    unitName: 'Tỉnh Ninh Bình',
    startYear: 2025,
    endYear: 2027,
    title: 'Nhiệm kỳ 2025–2030',
  };
  const target = {
    indicator: { code: '01', name: 'Tốc độ tăng GTSX', unit: '%', decimals: 2 },
    period: '2027',
    value: 10,
    comparator: 'AT_LEAST' as const,
  };

  it("shows only the term unit's figures and pushes with its id", () => {
    const table = termTableFrom({ term, targets: [target], observations });
    const grid = renderTermGrid(table);
    const y2025 = grid[0]!.indexOf('2025');
    expect(grid[1]![y2025]).toBe(8.2); // merged Ninh Bình's, not old Ninh Bình's 5.1
    const baseline = baselineFromTable(table, PULL);
    expect(baseline.scope.unitId).toBe(NEW_NB);
    const g = copyGrid(grid);
    g[1]![y2025] = 9;
    g[1]![y2025 + 1] = 10;
    const read = readTermGrid(g, '37', NEW_NB);
    if (!read.ok) throw new Error(read.message);
    const plan = planPush(diffSheet(baseline, read.entries));
    expect(plan.rows.map((r) => [r.period, r.unitId, r.value, r.baseVersion])).toEqual([
      ['2025', NEW_NB, 9, 1],
      ['2026', NEW_NB, 10, undefined],
    ]);
  });
});

describe('derived values (boundaries CURRENT)', () => {
  const derived: ServerObservation = {
    ...at(obs('37', '01', '2023', 600.6, 0), NEW_NB),
    derived: true,
    complete: true,
    contributors: '35, 36, 37',
  };
  const stored = at(obs('37', '01', '2025-Q3', 70, 2), NEW_NB);

  function pulledCurrent() {
    const table = longTableFromObservations([derived, stored], catalog);
    return { table, grid: renderLongGrid(table), baseline: baselineFromTable(table, PULL) };
  }

  it('keeps derived rows apart from the server rows, through serialisation', () => {
    const { table, baseline } = pulledCurrent();
    expect(table.cells.find((c) => c.period === '2023')!.derived).toEqual({
      complete: true,
      contributors: '35, 36, 37',
    });
    expect([...baseline.cells.values()].map((c) => c.period)).toEqual(['2025-Q3']);
    expect([...baseline.derived.values()]).toEqual([
      expect.objectContaining({ unitId: NEW_NB, period: '2023', value: 600.6, contributors: '35, 36, 37' }),
    ]);
    const back = parseBaseline(serializeBaseline(baseline));
    expect(back.ok && back.baseline).toEqual(baseline);
  });

  it('never sends a derived row: left alone it is read-only, edited it is a problem', () => {
    const { grid, baseline } = pulledCurrent();
    const untouched = diffSheet(baseline, readLong(copyGrid(grid)));
    expect(untouched.problems).toEqual([]);
    expect(untouched.readOnly.map((r) => r.key.period)).toEqual(['2023']);
    expect(planPush(untouched).rows).toEqual([]);
    const g = copyGrid(grid);
    const v = col(g, 'Giá trị');
    g[1]![v] = 601;
    g[2]![v] = 71;
    const edited = diffSheet(baseline, readLong(g));
    expect(edited.problems.map((p) => [p.code, p.at])).toEqual([['DERIVED_READ_ONLY', { row: 1, col: v }]]);
    expect(planPush(edited).rows).toEqual([expect.objectContaining({ period: '2025-Q3', value: 71, unitId: NEW_NB })]);
    g[1]![v] = null; // clearing it does not delete anything either
    expect(planPush(diffSheet(baseline, readLong(g))).rows.map((r) => r.period)).toEqual(['2025-Q3']);
    expect(diffSheet(baseline, readLong(g)).missing).toEqual([]);
  });
});
