import { describe, expect, it } from 'vitest';
import {
  analyzeRefresh,
  baselineFromTable,
  diffSheet,
  longTableFromObservations,
  planPush,
  readTermGrid,
  renderLongGrid,
  renderTermGrid,
  termTableFrom,
  type Grid,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL, readLong } from './helpers';

function pulledLong() {
  const table = longTableFromObservations([obs('001', '01', '2023', 7.34, 3), obs('002', '02', '2023', 54.2, 2)]);
  return { grid: copyGrid(renderLongGrid(table)), baseline: baselineFromTable(table, PULL) };
}

describe('edits in read-only columns are marked, not silently ignored (long table)', () => {
  it('an edited indicator name is a READ_ONLY_EDITED problem on that cell; the row itself is untouched', () => {
    // The old reader never looked at the name columns: the corrected name simply vanished.
    const { grid, baseline } = pulledLong();
    const name = col(grid, 'Chỉ tiêu');
    grid[1]![name] = 'Tốc độ tăng trưởng GRDP';
    const d = diffSheet(baseline, readLong(grid));
    expect(d.problems).toEqual([
      expect.objectContaining({
        code: 'READ_ONLY_EDITED',
        field: 'indicatorName',
        at: { row: 1, col: name },
        raw: 'Tốc độ tăng trưởng GRDP',
        key: expect.objectContaining({ unitCode: '001', indicatorCode: '01' }),
      }),
    ]);
    expect(d.problems[0]!.message).toContain('"Tốc độ tăng GTSX"');
    expect(planPush(d).rows).toEqual([]);
  });

  it('the row’s value edit still goes; the unit name and unit of measure edits are flagged beside it', () => {
    const { grid, baseline } = pulledLong();
    grid[2]![col(grid, 'Giá trị')] = 55;
    grid[2]![col(grid, 'Đơn vị')] = 'Hoàn Kiếm';
    grid[2]![col(grid, 'Đơn vị tính')] = 'nghìn đồng';
    const d = diffSheet(baseline, readLong(grid));
    expect(planPush(d).rows.map((r) => [r.unitCode, r.value])).toEqual([['002', 55]]);
    expect(d.problems.map((p) => [p.code, p.field])).toEqual([
      ['READ_ONLY_EDITED', 'unitName'],
      ['READ_ONLY_EDITED', 'unitOfMeasure'],
    ]);
  });

  it('unchanged, respaced or cleared names are not edits; nor are names typed on a new row', () => {
    const { grid, baseline } = pulledLong();
    grid[1]![col(grid, 'Đơn vị')] = '  Quận  Ba Đình ';
    grid[2]![col(grid, 'Chỉ tiêu')] = '';
    grid.push(['001', 'Ba Đình (mới)', '02', 'Tên tự gõ', 'đồng', '2024', 5, null, null, null, null, null]);
    const d = diffSheet(baseline, readLong(grid));
    expect(d.problems).toEqual([]);
    expect(planPush(d).rows).toHaveLength(1);
  });

  it('a refresh re-renders read-only columns: the edit is neither kept nor a reason to ask', () => {
    const { grid, baseline } = pulledLong();
    grid[1]![col(grid, 'Chỉ tiêu')] = 'Tên khác';
    const a = analyzeRefresh(baseline, readLong(grid), baseline);
    expect(a.wouldOverwrite).toEqual([]);
    expect(a.blocking).toEqual([]);
  });
});

describe('edits in read-only columns (term sheet)', () => {
  const table = termTableFrom({
    term: { id: 'T1', unitCode: '392', unitName: 'Huyện Hà Trung', startYear: 2021, endYear: 2025, title: 'XXII' },
    targets: [
      {
        indicator: { code: '01', name: 'Tốc độ tăng GTSX', unit: '%', decimals: 2 },
        period: '2025',
        value: 8.5,
        comparator: 'AT_LEAST',
      },
      {
        indicator: { code: '02', name: 'Tỷ lệ hộ nghèo', unit: '%', decimals: 2 },
        period: '2025',
        value: 2,
        comparator: 'AT_MOST',
      },
    ],
    observations: [obs('392', '01', '2023', 7.6, 1)],
    progress: [{ indicatorCode: '01', ratio: 0.894, band: 'ABOVE_80' }],
  });
  const baseline = baselineFromTable(table, PULL);
  const read = (grid: unknown[][]) => {
    const r = readTermGrid(grid, '392');
    if (!r.ok) throw new Error(r.message);
    return diffSheet(baseline, r.entries);
  };

  it('as pulled: nothing to report', () => {
    expect(read(copyGrid(renderTermGrid(table) as Grid)).problems).toEqual([]);
  });

  it('a target, comparator, ratio or band typed over is marked once, on its cell; the year edit goes', () => {
    // The old reader ignored these columns: a target typed over looked like it had been saved.
    const grid = copyGrid(renderTermGrid(table) as Grid);
    const h = grid[0]!;
    grid[1]![h.indexOf('Mục tiêu')] = 9;
    grid[2]![h.indexOf('So sánh')] = '≥';
    grid[1]![h.indexOf('Tỷ lệ đạt')] = 1;
    grid[2]![h.indexOf('Mức đạt')] = 'Đạt';
    grid[1]![h.indexOf('Chỉ tiêu')] = 'Tăng trưởng';
    grid[1]![h.indexOf('2024')] = 8;
    const d = read(grid);
    expect(d.problems.map((p) => [p.code, p.field, p.at])).toEqual([
      ['READ_ONLY_EDITED', 'indicatorName', { row: 1, col: 1 }],
      ['READ_ONLY_EDITED', 'target', { row: 1, col: 3 }],
      ['READ_ONLY_EDITED', 'ratio', { row: 1, col: h.indexOf('Tỷ lệ đạt') }],
      ['READ_ONLY_EDITED', 'comparator', { row: 2, col: 4 }],
      ['READ_ONLY_EDITED', 'band', { row: 2, col: h.indexOf('Mức đạt') }],
    ]);
    expect(planPush(d).rows.map((r) => [r.indicatorCode, r.period, r.value])).toEqual([['01', '2024', 8]]);
  });
});
