import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  diffSheet,
  longTableFromObservations,
  planPush,
  renderLongGrid,
  SERVER_MAX_ROWS,
  singleBatch,
  splitPlan,
  type PushPlan,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL, readLong } from './helpers';

const table = longTableFromObservations([
  obs('001', '01', '2022', 6.5, 2),
  obs('001', '01', '2023', 7.1, 3, { status: 'ESTIMATED', source: 'BC', note: 'ước' }),
  obs('001', '02', '2023', 53.2, 1),
]);
const baseline = baselineFromTable(table, PULL);

function planOf(f: (g: unknown[][]) => void): PushPlan {
  const g = copyGrid(renderLongGrid(table));
  f(g);
  return planPush(diffSheet(baseline, readLong(g)));
}

describe('planPush', () => {
  it('sends EDITED and CLEARED with their baseVersion, ADDED without one, and not UNCHANGED', () => {
    const plan = planOf((g) => {
      const v = col(g, 'Giá trị');
      g[2]![v] = 7.3;
      g[3]![v] = null;
      g.push(['002', null, '01', null, null, '2023', 4.5]);
    });
    expect(plan.rows).toEqual([
      {
        unitCode: '001',
        indicatorCode: '01',
        period: '2023',
        value: 7.3,
        status: 'ESTIMATED',
        source: 'BC',
        note: 'ước',
        baseVersion: 3,
      },
      {
        unitCode: '001',
        indicatorCode: '02',
        period: '2023',
        value: null,
        status: 'OFFICIAL',
        source: null,
        note: null,
        baseVersion: 1,
      },
      {
        unitCode: '002',
        indicatorCode: '01',
        period: '2023',
        value: 4.5,
        status: 'OFFICIAL',
        source: null,
        note: null,
      },
    ]);
    expect('baseVersion' in plan.rows[2]!).toBe(false);
    expect(JSON.stringify(plan.rows[2])).not.toContain('baseVersion');
  });

  it('maps each row index back to its sheet cell and the user intent', () => {
    const plan = planOf((g) => {
      g[3]![col(g, 'Ghi chú')] = 'sửa';
      g[1]![col(g, 'Giá trị')] = 6.6;
    });
    expect(plan.refs.map((r) => [r.kind, r.at.value, r.at.note, r.baseVersion])).toEqual([
      ['EDITED', { row: 1, col: 6 }, { row: 1, col: 9 }, 2],
      ['EDITED', { row: 3, col: 6 }, { row: 3, col: 9 }, 1],
    ]);
    expect(plan.refs[1]!.mine).toEqual({ value: 53.2, status: 'OFFICIAL', source: null, note: 'sửa' });
  });

  it('keeps local problems and missing rows out of the rows sent', () => {
    const plan = planOf((g) => {
      g[1]![col(g, 'Giá trị')] = '6,7';
      g.splice(3, 1);
    });
    expect(plan.rows).toEqual([]);
    expect(plan.problems.map((p) => p.code)).toEqual(['TEXT_NOT_NUMBER']);
    expect(plan.missing).toHaveLength(1);
  });
});

describe('splitPlan', () => {
  const big = (n: number): PushPlan => ({
    rows: Array.from({ length: n }, (_, i) => ({
      unitCode: '001',
      indicatorCode: 'X',
      period: String(1900 + (i % 200)),
      value: i,
      status: 'OFFICIAL' as const,
      source: null,
      note: null,
    })),
    refs: Array.from({ length: n }, (_, i) => ({
      key: { unitCode: '001', indicatorCode: 'X', period: String(i) },
      keyId: String(i),
      at: { value: { row: i + 1, col: 6 } },
      kind: 'ADDED' as const,
      mine: { value: i, status: 'OFFICIAL' as const, source: null, note: null },
      baseVersion: null,
    })),
    problems: [],
    missing: [],
  });

  it('defaults to the server limit of 50,000 rows and atomic', () => {
    expect(SERVER_MAX_ROWS).toBe(50_000);
    const r = splitPlan(big(50_000));
    expect(r).toMatchObject({ ok: true, atomicity: 'ALL' });
    if (r.ok) expect(r.batches).toHaveLength(1);
  });

  it('refuses to split an atomic push silently', () => {
    expect(splitPlan(big(50_001))).toEqual({
      ok: false,
      reason: 'ATOMIC_TOO_LARGE',
      rowCount: 50_001,
      maxRows: 50_000,
    });
    expect(splitPlan(big(7), { maxRows: 3 })).toMatchObject({ ok: false, reason: 'ATOMIC_TOO_LARGE' });
  });

  it('splits an atomic push when asked, saying atomicity is per batch only', () => {
    const r = splitPlan(big(7), { maxRows: 3, allowSplittingAtomic: true });
    expect(r.ok && r.atomicity).toBe('PER_BATCH');
    if (!r.ok) return;
    expect(r.batches.map((b) => [b.offset, b.rows.length, b.refs.length, b.atomic])).toEqual([
      [0, 3, 3, true],
      [3, 3, 3, true],
      [6, 1, 1, true],
    ]);
    expect(r.batches[1]!.refs[0]!.keyId).toBe('3');
  });

  it('splits a non-atomic push freely', () => {
    const r = splitPlan(big(5), { maxRows: 2, atomic: false });
    expect(r.ok && r.atomicity).toBe('NONE');
    expect(r.ok && r.batches.map((b) => b.rows.length)).toEqual([2, 2, 1]);
  });

  it('an empty plan has no batches; a bad limit throws', () => {
    expect(splitPlan(big(0))).toEqual({ ok: true, batches: [], atomicity: 'ALL' });
    expect(() => splitPlan(big(1), { maxRows: 0 })).toThrow(RangeError);
    expect(singleBatch(big(2), false)).toMatchObject({ atomic: false, offset: 0 });
  });
});
