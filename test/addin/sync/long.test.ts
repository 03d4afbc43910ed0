import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  buildLongGrid,
  countDiff,
  diffSheet,
  LONG_COLUMNS,
  LONG_HEADERS,
  longTableFromObservations,
  pendingEntries,
  readLongGrid,
  renderLongGrid,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL, readLong } from './helpers';

const observations = [
  obs('002', '01', '2023', 7.1, 3),
  obs('001', '02', '2023-H1', 53.2, 1, { status: 'ESTIMATED', source: 'Báo cáo 6 tháng', note: 'ước' }),
  obs('001', '02', '2022', 50, 2),
  obs('001', '01', '2021..2023', 7.34, 4),
];

function pulled() {
  const table = longTableFromObservations(observations);
  return { table, grid: renderLongGrid(table), baseline: baselineFromTable(table, PULL) };
}

describe('long layout: building the grid', () => {
  it('has the header row and one row per observation, sorted unit, indicator, period', () => {
    const grid = buildLongGrid(observations);
    expect(grid[0]).toEqual(LONG_COLUMNS.map((c) => LONG_HEADERS[c]));
    expect(grid.slice(1).map((r) => [r[0], r[2], r[5]])).toEqual([
      ['001', '01', '2021..2023'],
      ['001', '02', '2022'],
      ['001', '02', '2023-H1'],
      ['002', '01', '2023'],
    ]);
  });

  it('writes codes and periods as text, value as a number, version and unit id last', () => {
    const grid = buildLongGrid(observations);
    const row = grid[3]!;
    expect(row).toEqual([
      '001',
      'Quận Ba Đình',
      '02',
      'Thu nhập bình quân',
      'triệu đồng',
      '2023-H1',
      53.2,
      'Ước đạt',
      'Báo cáo 6 tháng',
      'ước',
      1,
      null,
    ]);
    expect(LONG_COLUMNS.slice(-2)).toEqual(['version', 'unitId']);
  });

  it('keeps the highest version when a paginated pull returns a key twice', () => {
    const table = longTableFromObservations([
      obs('001', '01', '2023', 1, 1),
      obs('001', '01', '2023', 2, 5),
      obs('001', '01', '2023', 3, 4),
    ]);
    expect(table.cells).toHaveLength(1);
    expect(table.cells[0]).toMatchObject({ value: 2, version: 5 });
  });

  it('renders an empty pull as a header only, and reads it back as nothing', () => {
    const grid = buildLongGrid([]);
    expect(grid).toHaveLength(1);
    expect(readLong(grid)).toEqual([]);
  });
});

describe('long layout: reading back', () => {
  it('round-trips with no diff', () => {
    const { grid, baseline } = pulled();
    const diff = diffSheet(baseline, readLong(copyGrid(grid)));
    expect(countDiff(diff)).toEqual({
      edited: 0,
      cleared: 0,
      added: 0,
      unchanged: 4,
      problems: 0,
      missing: 0,
      repairs: 0,
    });
  });

  it('finds columns by header even after the user moved and inserted columns', () => {
    const { grid, baseline } = pulled();
    const moved = grid.map((r) => ['helper', ...[...r].reverse()]);
    expect(pendingEntries(diffSheet(baseline, readLong(moved)))).toEqual([]);
    const v = col(moved, 'Giá trị');
    moved[1]![v] = 8;
    const [edit] = pendingEntries(diffSheet(baseline, readLong(moved)));
    expect(edit).toMatchObject({ kind: 'EDITED', at: { value: { row: 1, col: v } } });
  });

  it('skips blank rows and reads rows typed at the bottom as added, without a version', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g.push(LONG_COLUMNS.map(() => null));
    g.push(['002', null, '02', null, null, '2023', 12, null, null, null, null]);
    const diff = diffSheet(baseline, readLong(g));
    const pending = pendingEntries(diff);
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: 'ADDED',
      base: null,
      desired: { value: 12, status: 'OFFICIAL', source: null, note: null },
    });
    expect(pending[0]!.at.value).toEqual({ row: 6, col: col(g, 'Giá trị') });
  });

  it('reads a sheet without the optional columns (status, source, note, version)', () => {
    const { grid, baseline } = pulled();
    const keep = ['Mã đơn vị', 'Mã chỉ tiêu', 'Kỳ', 'Giá trị'].map((l) => grid[0]!.indexOf(l));
    const slim = grid.map((r) => keep.map((c) => r[c]!));
    const entries = readLong(slim);
    expect(entries[0]!.status).toBeUndefined();
    expect(pendingEntries(diffSheet(baseline, entries))).toEqual([]);
  });

  it('refuses a sheet missing a required column, naming it', () => {
    const { grid } = pulled();
    const v = grid[0]!.indexOf('Giá trị');
    const broken = grid.map((r) => r.filter((_, c) => c !== v));
    const r = readLongGrid(broken);
    expect(r).toMatchObject({ ok: false, missingColumns: ['Giá trị'] });
    expect(readLongGrid([])).toMatchObject({ ok: false });
  });

  it('reports entries with raw Office.js values and their grid positions', () => {
    const { grid } = pulled();
    const entries = readLong(copyGrid(grid));
    expect(entries[0]).toEqual({
      unitCode: { raw: '001', at: { row: 1, col: 0 } },
      indicatorCode: { raw: '01', at: { row: 1, col: 2 } },
      period: { raw: '2021..2023', at: { row: 1, col: 5 } },
      value: { raw: 7.34, at: { row: 1, col: 6 } },
      status: { raw: 'Chính thức', at: { row: 1, col: 7 } },
      source: { raw: null, at: { row: 1, col: 8 } },
      note: { raw: null, at: { row: 1, col: 9 } },
      unitId: { raw: null, at: { row: 1, col: 11 } },
      readOnly: [
        { column: 'unitName', raw: 'Quận Ba Đình', at: { row: 1, col: 1 } },
        { column: 'indicatorName', raw: 'Tốc độ tăng GTSX', at: { row: 1, col: 3 } },
        { column: 'unitOfMeasure', raw: '%', at: { row: 1, col: 4 } },
      ],
    });
  });

  it('ignores the version column: the baseline decides the base version', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[1]![col(g, 'Phiên bản')] = 999;
    g[1]![col(g, 'Giá trị')] = 1;
    const [edit] = pendingEntries(diffSheet(baseline, readLong(g)));
    expect(edit!.base!.version).toBe(4);
  });

  it('renders carried raw content in place of the value (refresh keeps typed text)', () => {
    const table = longTableFromObservations([obs('001', '01', '2023', 1, 1)]);
    const withRaw = { ...table, cells: [{ ...table.cells[0]!, raw: { value: '12,5', status: 'chinh thuc' } }] };
    const grid = renderLongGrid(withRaw, [['009', null, '01', null, null, '2023-13', 5]]);
    expect(grid[1]![col(grid, 'Giá trị')]).toBe('12,5');
    expect(grid[1]![col(grid, 'Tình trạng')]).toBe('chinh thuc');
    expect(grid[2]).toEqual(['009', null, '01', null, null, '2023-13', 5, null, null, null, null, null]);
  });
});
