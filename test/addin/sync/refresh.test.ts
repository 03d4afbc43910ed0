import { describe, expect, it } from 'vitest';
import {
  analyzeRefresh,
  applyPushResult,
  baselineFromTable,
  cellKey,
  diffSheet,
  longTableFromObservations,
  mergeRefresh,
  pendingEntries,
  planPush,
  renderLongGrid,
  renderTermGrid,
  resolveKeepMine,
  resolveTakeServer,
  singleBatch,
  termTableFrom,
  type Baseline,
  type Table,
} from '../../../addin/src/sync';
import { col, copyGrid, FakeServer, obs, PULL, readLong, readTerm } from './helpers';

const LATER = { ...PULL, pulledAt: '2024-02-01T00:00:00.000Z' };
const K = {
  a: { unitCode: '001', indicatorCode: '01', period: '2022' },
  b: { unitCode: '001', indicatorCode: '01', period: '2023' },
  c: { unitCode: '001', indicatorCode: '02', period: '2023' },
  d: { unitCode: '002', indicatorCode: '01', period: '2023' },
};

function setup() {
  const server = new FakeServer([
    obs('001', '01', '2022', 6.5, 2),
    obs('001', '01', '2023', 7.1, 3),
    obs('001', '02', '2023', 53.2, 1),
  ]);
  const table = longTableFromObservations(server.observations());
  const baseline = baselineFromTable(table, PULL);
  const grid = copyGrid(renderLongGrid(table));
  const v = col(grid, 'Giá trị');
  return { server, baseline, grid, v };
}
const pull = (server: FakeServer) => longTableFromObservations(server.observations());

function merged(old: Baseline, grid: unknown[][], fresh: Table, overwrite = false) {
  const r = mergeRefresh(old, readLong(grid), fresh, LATER, { overwrite });
  if (!r.ok) throw new Error(r.reason);
  return { ...r, grid: copyGrid(renderLongGrid(r.table as Extract<Table, { layout: 'long' }>)) };
}

describe('refresh with no local edits', () => {
  it('loses nothing and shows the server state', () => {
    const { server, baseline, grid } = setup();
    server.edit(K.a, 6.9);
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.wouldOverwrite).toEqual([]);
    expect(r.baseline.scope.pulledAt).toBe(LATER.pulledAt);
    expect(r.baseline.cells.get(cellKey(K.a))).toMatchObject({ value: 6.9, version: 3 });
    expect(pendingEntries(diffSheet(r.baseline, readLong(r.grid)))).toEqual([]);
  });
});

describe('refresh over un-pushed edits', () => {
  it('reports every edit an overwrite would lose, and overwrites only when told', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8;
    grid[3]![v] = '53,5';
    grid.push(['002', null, '01', null, null, '2023', 4.5]);
    const analysis = analyzeRefresh(baseline, readLong(grid), baselineFromTable(pull(server), LATER));
    expect(analysis.wouldOverwrite.map((w) => w.entry?.kind ?? w.problem?.code)).toEqual([
      'EDITED',
      'ADDED',
      'TEXT_NOT_NUMBER',
    ]);

    const over = merged(baseline, grid, pull(server), true);
    expect(pendingEntries(diffSheet(over.baseline, readLong(over.grid)))).toEqual([]);
    expect(over.grid[1]![v]).toBe(6.5);

    const kept = merged(baseline, grid, pull(server));
    expect(kept.grid[1]![v]).toBe(6.8);
    expect(kept.grid[3]![v]).toBe('53,5');
    // Re-rendered from the fresh catalogue: the indicator is known there, unit 002 is not.
    expect(kept.grid.at(-1)!.slice(0, 7)).toEqual(['002', null, '01', 'Tốc độ tăng GTSX', '%', '2023', 4.5]);
  });

  it('rebases edits whose server row did not change: the next push does not conflict', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8; // a, edited locally
    server.edit(K.b, 7.7); // b changed on the server, not edited locally
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.rebased.map((e) => e.keyId)).toEqual([cellKey(K.a)]);
    expect(r.analysis.conflicts).toEqual([]);
    expect(r.grid[2]![v]).toBe(7.7); // the server's new value shows
    const plan = planPush(diffSheet(r.baseline, readLong(r.grid)));
    expect(plan.rows).toEqual([expect.objectContaining({ ...K.a, value: 6.8, baseVersion: 2 })]);
    const res = applyPushResult(r.baseline, singleBatch(plan), server.push({ rows: plan.rows }));
    expect(res.marks.map((m) => m.state)).toEqual(['UPDATED']);
  });

  it('a rebase also happens when only the version moved but the content is the same', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8;
    server.edit(K.a, 6.5); // same value, new version 3
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.rebased).toHaveLength(1);
    const plan = planPush(diffSheet(r.baseline, readLong(r.grid)));
    expect(plan.rows[0]).toMatchObject({ baseVersion: 3 });
  });

  it('drops edits the server already agrees with (converged)', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8;
    grid[3]![v] = null;
    server.edit(K.a, 6.8);
    server.edit(K.c, null);
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.converged).toHaveLength(2);
    expect(pendingEntries(diffSheet(r.baseline, readLong(r.grid)))).toEqual([]);
  });

  it('surfaces a server change under a local edit as a conflict that a push cannot override', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8;
    server.edit(K.a, 6.6, 'Lan');
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.conflicts).toEqual([
      expect.objectContaining({
        key: K.a,
        baseVersion: 2,
        mine: expect.objectContaining({ value: 6.8 }),
        server: expect.objectContaining({ value: 6.6, version: 3 }),
      }),
    ]);
    expect(r.grid[1]![v]).toBe(6.8); // the user's value stays on screen
    expect(r.baseline.cells.get(cellKey(K.a))!.version).toBe(2); // the old version, deliberately
    const plan = planPush(diffSheet(r.baseline, readLong(r.grid)));
    const res = applyPushResult(r.baseline, singleBatch(plan), server.push({ rows: plan.rows }));
    expect(res.marks.map((m) => m.state)).toEqual(['CONFLICT']);
    expect(server.observation(cellKey(K.a))!.value).toBe(6.6);
  });

  it('refresh conflicts are settled by the same resolution functions', () => {
    const { server, baseline, grid, v } = setup();
    grid[1]![v] = 6.8;
    server.edit(K.a, 6.6);
    const r = merged(baseline, grid, pull(server));
    const [conflict] = r.analysis.conflicts;

    const keep = resolveKeepMine(r.baseline, conflict!);
    const plan = planPush(diffSheet(keep.baseline, readLong(r.grid)));
    expect(server.push({ rows: plan.rows, dryRun: true }).rows[0]!.outcome).toBe('UPDATED');

    const take = resolveTakeServer(r.baseline, conflict!);
    const g = copyGrid(r.grid as never);
    for (const w of take.writes) g[w.at.row]![w.at.col] = w.value;
    expect(pendingEntries(diffSheet(take.baseline, readLong(g)))).toEqual([]);
  });

  it('an added row the server has meanwhile created, or an edited row it deleted, is a conflict', () => {
    const { server, baseline, grid, v } = setup();
    grid.push(['002', null, '01', null, null, '2023', 4.5]);
    grid[2]![v] = 7.2;
    server.edit(K.d, 4.4);
    server.edit(K.b, null);
    const r = merged(baseline, grid, pull(server));
    expect(r.analysis.conflicts.map((c) => [c.keyId, c.server?.value ?? null])).toEqual([
      [cellKey(K.b), null],
      [cellKey(K.d), 4.4],
    ]);
    expect(r.baseline.cells.has(cellKey(K.d))).toBe(false); // pushing it without baseVersion → CONFLICT
    expect(r.baseline.cells.get(cellKey(K.b))!.version).toBe(3);
  });

  it('refuses to merge when a problem cannot be placed, unless overwriting', () => {
    const { server, baseline, grid } = setup();
    grid[1]![col(grid, 'Kỳ')] = '2022-13';
    const r = mergeRefresh(baseline, readLong(grid), pull(server), LATER);
    expect(r).toMatchObject({ ok: false, reason: 'BLOCKING_PROBLEMS' });
    expect(!r.ok && r.analysis!.blocking.map((p) => p.code)).toEqual(['BAD_PERIOD']);
    expect(mergeRefresh(baseline, readLong(grid), pull(server), LATER, { overwrite: true }).ok).toBe(true);
  });

  it('refuses a pull of another layout', () => {
    const { server, baseline, grid } = setup();
    const term = termTableFrom({
      term: { id: 't', unitCode: '001', unitName: 'x', startYear: 2020, endYear: 2025, title: '' },
      targets: [],
      observations: server.observations(),
    });
    expect(mergeRefresh(baseline, readLong(grid), term, LATER)).toEqual({
      ok: false,
      reason: 'LAYOUT_MISMATCH',
      analysis: null,
    });
  });

  it('carries a misspelt status row whole, other cells of the row included', () => {
    const { server, baseline, grid } = setup();
    grid[2]![col(grid, 'Tình trạng')] = 'final';
    grid[2]![col(grid, 'Ghi chú')] = 'đã sửa';
    const r = merged(baseline, grid, pull(server));
    expect(r.grid[2]![col(grid, 'Tình trạng')]).toBe('final');
    expect(r.grid[2]![col(grid, 'Ghi chú')]).toBe('đã sửa');
  });
});

describe('refresh of a term sheet', () => {
  const term = { id: 'T', unitCode: '392', unitName: 'Hà Trung', startYear: 2021, endYear: 2023, title: '' };
  const targets = [
    {
      indicator: { code: '01', name: 'x', unit: '%', decimals: 1 },
      period: '2023',
      value: 8,
      comparator: 'AT_LEAST' as const,
    },
  ];

  it('keeps local year edits on top of new server values', () => {
    const server = new FakeServer([obs('392', '01', '2021', 7, 1)]);
    const table = termTableFrom({ term, targets, observations: server.observations() });
    const baseline = baselineFromTable(table, PULL);
    const grid = copyGrid(renderTermGrid(table));
    grid[1]![7] = 7.5; // 2023, typed locally
    grid[1]![5] = '7,1'; // 2021, typed as text
    grid.push(['GTSX', null, null, null, null, null, 1500, null, null, null]); // a new indicator row
    server.edit({ unitCode: '392', indicatorCode: '01', period: '2022' }, 7.2);

    const fresh = termTableFrom({ term, targets, observations: server.observations() });
    const r = mergeRefresh(baseline, readTerm(grid, '392'), fresh, LATER);
    expect(r.ok).toBe(true);
    if (!r.ok || r.table.layout !== 'term') return;
    const g = renderTermGrid(r.table);
    expect(g[1]!.slice(5, 8)).toEqual(['7,1', 7.2, 7.5]);
    expect(g[2]!.slice(0, 1).concat(g[2]!.slice(5, 8))).toEqual(['GTSX', null, 1500, null]);
    const next = diffSheet(r.baseline, readTerm(g, '392'));
    expect(pendingEntries(next).map((e) => [e.kind, e.key.indicatorCode, e.key.period])).toEqual([
      ['ADDED', '01', '2023'],
      ['ADDED', 'GTSX', '2022'],
    ]);
    expect(next.problems.map((p) => p.code)).toEqual(['TEXT_NOT_NUMBER']);
  });
});
