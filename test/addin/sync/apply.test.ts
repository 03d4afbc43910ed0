import { describe, expect, it } from 'vitest';
import {
  applyPushResult,
  baselineFromTable,
  cellKey,
  diffSheet,
  longTableFromObservations,
  pendingEntries,
  planPush,
  problemMarks,
  renderLongGrid,
  resolveKeepMine,
  resolveTakeServer,
  singleBatch,
  type Baseline,
  type PushBatch,
  type PushObservationsPayload,
} from '../../../addin/src/sync';
import { baselineState, col, copyGrid, FakeServer, obs, PULL, readLong } from './helpers';

const K = {
  a: { unitCode: '001', indicatorCode: '01', period: '2022' },
  b: { unitCode: '001', indicatorCode: '01', period: '2023' },
  c: { unitCode: '001', indicatorCode: '02', period: '2023' },
  d: { unitCode: '002', indicatorCode: '01', period: '2023' },
};

/** A server, a pulled sheet, and the user's four edits: update a, update b, clear c, add d. */
function scenario() {
  const server = new FakeServer([
    obs('001', '01', '2022', 6.5, 2),
    obs('001', '01', '2023', 7.1, 3, { status: 'ESTIMATED', source: 'BC' }),
    obs('001', '02', '2023', 53.2, 1),
  ]);
  const table = longTableFromObservations(server.observations());
  const baseline = baselineFromTable(table, PULL);
  const grid = copyGrid(renderLongGrid(table));
  const v = col(grid, 'Giá trị');
  grid[1]![v] = 6.8; // a
  grid[2]![v] = 7.4; // b
  grid[3]![v] = null; // c
  grid.push(['002', null, '01', null, null, '2023', 4.5]); // d
  const plan = planPush(diffSheet(baseline, readLong(grid)));
  return { server, baseline, grid, plan, v };
}

function push(server: FakeServer, batch: PushBatch, dryRun = false): PushObservationsPayload {
  return server.push({ rows: batch.rows, atomic: batch.atomic, dryRun });
}

const states = (r: { marks: readonly { state: string }[] }) => r.marks.map((m) => m.state);
const pending = (b: Baseline, grid: unknown[][]) => pendingEntries(diffSheet(b, readLong(grid)));

describe('applyPushResult: a real, successful push', () => {
  it('CREATED/UPDATED take the new version and value, DELETED removes the key; the sheet is in sync', () => {
    const { server, baseline, grid, plan } = scenario();
    const batch = singleBatch(plan);
    const r = applyPushResult(baseline, batch, push(server, batch));
    expect(states(r)).toEqual(['UPDATED', 'UPDATED', 'DELETED', 'CREATED']);
    expect(r.baseline.cells.get(cellKey(K.a))).toMatchObject({ value: 6.8, version: 3 });
    expect(r.baseline.cells.get(cellKey(K.b))).toMatchObject({
      value: 7.4,
      version: 4,
      status: 'ESTIMATED',
      source: 'BC',
    });
    expect(r.baseline.cells.has(cellKey(K.c))).toBe(false);
    expect(r.baseline.cells.get(cellKey(K.d))).toMatchObject({ value: 4.5, version: 1 });
    expect(r.conflicts).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(pending(r.baseline, grid)).toEqual([]);
    expect(baselineState(r.baseline)).toEqual(
      baselineState(baselineFromTable(longTableFromObservations(server.observations()), PULL)),
    );
    // The original baseline is untouched.
    expect(baseline.cells.get(cellKey(K.a))).toMatchObject({ version: 2 });
  });

  it('marks point at the value cells the user edited', () => {
    const { server, baseline, plan, v } = scenario();
    const r = applyPushResult(baseline, singleBatch(plan), push(server, singleBatch(plan)));
    expect(r.marks.map((m) => m.at)).toEqual([1, 2, 3, 4].map((row) => ({ row, col: v })));
  });

  it('takes the server value when the server rounded, and asks the sheet to show it', () => {
    const { server, baseline, grid, v } = scenario();
    server.decimals.set('01', 1);
    grid[1]![v] = 6.84;
    const plan = planPush(diffSheet(baseline, readLong(grid)));
    const r = applyPushResult(baseline, singleBatch(plan), push(server, singleBatch(plan)));
    expect(r.baseline.cells.get(cellKey(K.a))!.value).toBe(6.8);
    expect(r.writes).toContainEqual({ at: { row: 1, col: v }, value: 6.8 });
  });

  it('UNCHANGED takes the server row; an UNCHANGED deletion removes the key', () => {
    const { baseline } = scenario();
    const batch: PushBatch = {
      atomic: true,
      offset: 0,
      rows: [
        { ...K.a, value: 6.5, status: 'OFFICIAL', source: null, note: null, baseVersion: 2 },
        { ...K.c, value: null, status: 'OFFICIAL', source: null, note: null, baseVersion: 1 },
      ],
      refs: [K.a, K.c].map((key, i) => ({
        key,
        keyId: cellKey(key),
        at: { value: { row: i + 1, col: 6 } },
        kind: 'EDITED' as const,
        mine: { value: 1, status: 'OFFICIAL' as const, source: null, note: null },
        baseVersion: 1,
      })),
    };
    const r = applyPushResult(baseline, batch, {
      applied: true,
      dryRun: false,
      rows: [
        { index: 0, outcome: 'UNCHANGED', observation: obs('001', '01', '2022', 6.5, 7) },
        { index: 1, outcome: 'UNCHANGED', observation: null },
      ],
    });
    expect(states(r)).toEqual(['UNCHANGED', 'UNCHANGED']);
    expect(r.baseline.cells.get(cellKey(K.a))!.version).toBe(7);
    expect(r.baseline.cells.has(cellKey(K.c))).toBe(false);
  });
});

describe('applyPushResult: dry run', () => {
  it('changes no baseline and says what would happen, rejections included', () => {
    const { server, baseline, grid, plan } = scenario();
    server.locked.add(cellKey(K.b));
    const before = baselineState(baseline);
    const serverBefore = server.observations();
    const r = applyPushResult(baseline, singleBatch(plan), push(server, singleBatch(plan), true));
    expect(states(r)).toEqual(['WILL_UPDATE', 'LOCKED', 'WILL_DELETE', 'WILL_CREATE']);
    expect(r.baseline).toBe(baseline);
    expect(baselineState(r.baseline)).toEqual(before);
    expect(server.observations()).toEqual(serverBefore);
    expect(pending(r.baseline, grid)).toHaveLength(4);
  });

  it('unchanged rows and conflicts show as such', () => {
    const { server, baseline, grid, v } = scenario();
    grid[1]![v] = 6.5;
    grid[1]![col(grid, 'Tình trạng')] = 'OFFICIAL';
    grid[2]![col(grid, 'Tình trạng')] = 'PRELIMINARY';
    server.edit(K.b, 9.9);
    const plan = planPush(diffSheet(baseline, readLong(grid)));
    const r = applyPushResult(baseline, singleBatch(plan), push(server, singleBatch(plan), true));
    expect(states(r)).toEqual(['CONFLICT', 'WILL_DELETE', 'WILL_CREATE']);
    expect(r.conflicts[0]!.server).toMatchObject({ value: 9.9, version: 4, updatedBy: 'someone else' });
  });
});

describe('applyPushResult: atomic push rejected', () => {
  it('nothing written: no baseline change, good rows NOT_APPLIED with their would-be outcome', () => {
    const { server, baseline, grid, plan } = scenario();
    server.forbiddenUnits.add('002');
    const payload = push(server, singleBatch(plan));
    expect(payload.applied).toBe(false);
    const r = applyPushResult(baseline, singleBatch(plan), payload);
    expect(r.marks.map((m) => [m.state, m.outcome])).toEqual([
      ['NOT_APPLIED', 'UPDATED'],
      ['NOT_APPLIED', 'UPDATED'],
      ['NOT_APPLIED', 'DELETED'],
      ['FORBIDDEN', 'FORBIDDEN'],
    ]);
    expect(r.baseline).toBe(baseline);
    expect(pending(r.baseline, grid)).toHaveLength(4);
  });

  it('records conflicts so they can be resolved before pushing again', () => {
    const { server, baseline, plan } = scenario();
    server.edit(K.a, 6.6);
    const r = applyPushResult(baseline, singleBatch(plan), push(server, singleBatch(plan)));
    expect(states(r)).toEqual(['CONFLICT', 'NOT_APPLIED', 'NOT_APPLIED', 'NOT_APPLIED']);
    expect(r.conflicts).toEqual([
      expect.objectContaining({
        key: K.a,
        baseVersion: 2,
        mine: expect.objectContaining({ value: 6.8 }),
        server: expect.objectContaining({ value: 6.6, version: 3 }),
      }),
    ]);
  });
});

describe('applyPushResult: non-atomic partial push', () => {
  it('applies the good rows; every rejected edit stays pending with the user value', () => {
    const { server, baseline, grid, plan } = scenario();
    server.locked.add(cellKey(K.b));
    server.edit(K.c, 60);
    const batch = singleBatch(plan, false);
    const payload = push(server, batch);
    const r = applyPushResult(baseline, batch, payload);
    expect(states(r)).toEqual(['UPDATED', 'LOCKED', 'CONFLICT', 'CREATED']);
    const next = pending(r.baseline, grid);
    expect(next.map((e) => [e.kind, e.key.period, e.key.indicatorCode, e.desired.value])).toEqual([
      ['EDITED', '2023', '01', 7.4],
      ['CLEARED', '2023', '02', null],
    ]);
  });

  it('trusts per-row outcomes even if a non-atomic payload says applied: false', () => {
    const { baseline, plan } = scenario();
    const batch = singleBatch(plan, false);
    const r = applyPushResult(baseline, batch, {
      applied: false,
      dryRun: false,
      rows: [
        { index: 3, outcome: 'CREATED', observation: obs('002', '01', '2023', 4.5, 1) },
        { index: 0, outcome: 'INVALID', code: 'X', message: 'bad' },
        { index: 1, outcome: 'INVALID' },
        { index: 2, outcome: 'INVALID' },
      ],
    });
    expect(r.baseline.cells.has(cellKey(K.d))).toBe(true);
    expect(r.marks[0]).toMatchObject({ state: 'INVALID', code: 'X', message: 'bad' });
  });
});

describe('conflict resolution', () => {
  function conflicted() {
    const s = scenario();
    s.server.edit(K.b, 9.9);
    const batch = singleBatch(s.plan, false);
    const r = applyPushResult(s.baseline, batch, push(s.server, batch));
    const conflict = r.conflicts.find((c) => c.keyId === cellKey(K.b))!;
    return { ...s, r, conflict };
  }

  it('take server value: baseline and cell take the server value and version; the edit is gone', () => {
    const { r, conflict, grid } = conflicted();
    const { baseline, writes } = resolveTakeServer(r.baseline, conflict);
    expect(baseline.cells.get(cellKey(K.b))).toMatchObject({ value: 9.9, version: 4 });
    const c = (l: string) => col(grid, l);
    expect(writes).toEqual([
      { at: { row: 2, col: c('Giá trị') }, value: 9.9 },
      { at: { row: 2, col: c('Tình trạng') }, value: 'Ước đạt', text: true },
      { at: { row: 2, col: c('Nguồn') }, value: 'BC', text: true },
      { at: { row: 2, col: c('Ghi chú') }, value: null, text: true },
    ]);
    for (const w of writes) grid[w.at.row]![w.at.col] = w.value;
    expect(pending(baseline, grid)).toEqual([]);
  });

  it('keep mine: the baseline takes the server version, so the next push overwrites knowingly', () => {
    const { r, conflict, grid, server } = conflicted();
    const { baseline } = resolveKeepMine(r.baseline, conflict);
    expect(baseline.cells.get(cellKey(K.b))).toMatchObject({ value: 9.9, version: 4 });
    const plan = planPush(diffSheet(baseline, readLong(grid)));
    expect(plan.rows).toEqual([expect.objectContaining({ ...K.b, value: 7.4, baseVersion: 4 })]);
    const again = applyPushResult(baseline, singleBatch(plan), server.push({ rows: plan.rows }));
    expect(states(again)).toEqual(['UPDATED']);
    expect(server.observation(cellKey(K.b))).toMatchObject({ value: 7.4, version: 5 });
    expect(pending(again.baseline, grid)).toEqual([]);
  });

  it('a row deleted on the server: take server empties the cell, keep mine re-creates it', () => {
    const s = scenario();
    s.server.edit(K.a, null);
    const batch = singleBatch(s.plan, false);
    const r = applyPushResult(s.baseline, batch, push(s.server, batch));
    const conflict = r.conflicts[0]!;
    expect(conflict).toMatchObject({ key: K.a, server: null });

    const take = resolveTakeServer(r.baseline, conflict);
    expect(take.baseline.cells.has(cellKey(K.a))).toBe(false);
    expect(take.writes[0]).toEqual({ at: { row: 1, col: s.v }, value: null });

    const keep = resolveKeepMine(r.baseline, conflict);
    const plan = planPush(diffSheet(keep.baseline, readLong(s.grid)));
    expect(plan.rows).toEqual([expect.objectContaining({ ...K.a, value: 6.8 })]);
    expect('baseVersion' in plan.rows[0]!).toBe(false);
    expect(s.server.push({ rows: plan.rows }).rows[0]!.outcome).toBe('CREATED');
  });

  it('an ADDED row the server already has: keep mine overwrites with its version', () => {
    const s = scenario();
    s.server.edit(K.d, 4.0);
    const batch = singleBatch(s.plan, false);
    const r = applyPushResult(s.baseline, batch, push(s.server, batch));
    const conflict = r.conflicts[0]!;
    expect(conflict).toMatchObject({ key: K.d, baseVersion: null, server: { value: 4 } });
    const keep = resolveKeepMine(r.baseline, conflict);
    const plan = planPush(diffSheet(keep.baseline, readLong(s.grid)));
    expect(plan.rows).toEqual([expect.objectContaining({ ...K.d, value: 4.5, baseVersion: 1 })]);
  });
});

describe('applyPushResult: a malformed answer', () => {
  it('rows without a result are NO_RESULT and stay pending; bad indexes are warned about', () => {
    const { baseline, grid, plan } = scenario();
    const r = applyPushResult(baseline, singleBatch(plan), {
      applied: true,
      dryRun: false,
      rows: [
        { index: 0, outcome: 'UPDATED', observation: obs('001', '01', '2022', 6.8, 3) },
        { index: 0, outcome: 'CONFLICT' },
        { index: 9, outcome: 'UPDATED' },
        { index: 1, outcome: 'UPDATED', observation: null },
      ],
      userErrors: [{ code: 'TOO_MANY_ROWS', message: 'x' }],
    });
    expect(states(r)).toEqual(['UPDATED', 'UPDATED', 'NO_RESULT', 'NO_RESULT']);
    expect(r.warnings).toHaveLength(6);
    expect(pending(r.baseline, grid).map((e) => e.key.period + e.key.indicatorCode + e.key.unitCode)).toEqual([
      '202301001',
      '202302001',
      '202301002',
    ]);
  });

  it('problemMarks shows local problems next to the results', () => {
    const { baseline, grid, v } = scenario();
    grid[1]![v] = '6,8';
    const plan = planPush(diffSheet(baseline, readLong(grid)));
    expect(problemMarks(plan.problems)).toEqual([
      {
        at: { row: 1, col: v },
        key: K.a,
        state: 'LOCAL_PROBLEM',
        outcome: null,
        code: 'TEXT_NOT_NUMBER',
        message: expect.stringContaining('6.8'),
      },
    ]);
  });
});
