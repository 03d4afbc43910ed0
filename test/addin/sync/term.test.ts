import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  BAND_LABELS_VI,
  buildTermGrid,
  countDiff,
  diffSheet,
  pendingEntries,
  readTermGrid,
  renderTermGrid,
  TERM_HEADERS,
  termTableFrom,
  type TargetInfo,
  type TermSheetSource,
} from '../../../addin/src/sync';
import { copyGrid, obs, PULL, readTerm } from './helpers';

const term = {
  id: 'VGVybTox',
  unitCode: '392',
  unitName: 'Huyện Hà Trung',
  startYear: 2020,
  endYear: 2025,
  title: 'Khóa XXII',
};
const target = (
  code: string,
  period: string,
  value: number,
  comparator: 'AT_LEAST' | 'AT_MOST' = 'AT_LEAST',
): TargetInfo => ({
  indicator: { code, name: `Chỉ tiêu ${code}`, unit: '%', decimals: 1 },
  period,
  value,
  comparator,
});

const source: TermSheetSource = {
  term,
  targets: [target('01', '2025', 8.5), target('02', '2021..2025', 10, 'AT_MOST'), target('02', '2025', 2, 'AT_MOST')],
  observations: [
    obs('392', '01', '2021', 7.1, 2, { status: 'OFFICIAL' }),
    obs('392', '01', '2023', 7.6, 1, { status: 'ESTIMATED', source: 'BC 6 tháng' }),
    obs('392', '02', '2022', 3, 1),
    obs('392', '01', '2023-H1', 3.2, 1), // not a year: not on the term sheet
    obs('390', '01', '2023', 99, 1), // another unit
  ],
  progress: [
    { indicatorCode: '01', ratio: 0.894, band: 'ABOVE_80' },
    { indicatorCode: '02', ratio: null, band: 'NO_DATA' },
  ],
};

function pulled() {
  const table = termTableFrom(source);
  return { table, grid: renderTermGrid(table), baseline: baselineFromTable(table, PULL) };
}

describe('term layout: building the grid', () => {
  it('lays out code, name, unit, target, comparator, the term years, ratio and band', () => {
    const grid = buildTermGrid(source);
    const h = TERM_HEADERS;
    expect(grid[0]).toEqual([
      h.code,
      h.name,
      h.unitOfMeasure,
      h.target,
      h.comparator,
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      h.ratio,
      h.band,
    ]);
    expect(grid[1]).toEqual([
      '01',
      'Chỉ tiêu 01',
      '%',
      8.5,
      '≥',
      null,
      7.1,
      null,
      7.6,
      null,
      null,
      0.894,
      BAND_LABELS_VI.ABOVE_80,
    ]);
  });

  it('shows one row per indicator, choosing the target that ends last (longer on a tie)', () => {
    const { table, grid } = pulled();
    expect(grid).toHaveLength(3);
    expect(table.rows[1]!.target).toEqual({ period: '2021..2025', value: 10, comparator: 'AT_MOST' });
    expect(grid[2]!.slice(3, 5)).toEqual([10, '≤']);
  });

  it('keeps missing years as empty cells with no server row, and only year observations of the unit', () => {
    const { table, baseline } = pulled();
    expect(table.cells).toHaveLength(12);
    expect(table.cells.filter((c) => c.version !== null)).toHaveLength(3);
    expect(baseline.cells.size).toBe(3);
    expect(table.cells.find((c) => c.indicatorCode === '01' && c.period === '2020')).toMatchObject({
      value: null,
      version: null,
    });
  });

  it('keeps baseline status and source for cells the grid cannot show', () => {
    const { baseline } = pulled();
    expect([...baseline.cells.values()].find((c) => c.period === '2023')).toMatchObject({
      status: 'ESTIMATED',
      source: 'BC 6 tháng',
    });
  });
});

describe('term layout: reading back', () => {
  it('round-trips with no diff, missing years included', () => {
    const { grid, baseline } = pulled();
    const diff = diffSheet(baseline, readTerm(copyGrid(grid), '392'));
    expect(countDiff(diff)).toEqual({
      edited: 0,
      cleared: 0,
      added: 0,
      unchanged: 3,
      problems: 0,
      missing: 0,
      repairs: 0,
    });
  });

  it('reads a year header that Excel turned into a number', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[0] = g[0]!.map((h) => (typeof h === 'string' && /^\d{4}$/.test(h) ? Number(h) : h));
    expect(pendingEntries(diffSheet(baseline, readTerm(g, '392')))).toEqual([]);
  });

  it('edits keep the baseline status; a value typed into a missing year is added with the default status', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[1]![8] = 7.9; // 01 / 2023, ESTIMATED in the baseline
    g[1]![9] = 8.1; // 01 / 2024, no server row
    const pending = pendingEntries(diffSheet(baseline, readTerm(g, '392'), { defaultStatus: 'ESTIMATED' }));
    expect(pending.map((e) => [e.kind, e.key.period, e.desired.status, e.desired.source])).toEqual([
      ['EDITED', '2023', 'ESTIMATED', 'BC 6 tháng'],
      ['ADDED', '2024', 'ESTIMATED', null],
    ]);
    expect(pending[0]!.at).toEqual({ value: { row: 1, col: 8 } });
  });

  it('a cleared year is CLEARED', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[2]![7] = null; // 02 / 2022
    const [e] = pendingEntries(diffSheet(baseline, readTerm(g, '392')));
    expect(e).toMatchObject({ kind: 'CLEARED', key: { indicatorCode: '02', period: '2022' }, base: { version: 1 } });
  });

  it('a deleted year column is reported missing, not as deletions', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid).map((r) => r.filter((_, c) => c !== 6)); // drop 2021
    const diff = diffSheet(baseline, readTerm(g, '392'));
    expect(pendingEntries(diff)).toEqual([]);
    expect(diff.missing.map((m) => m.period)).toEqual(['2021']);
  });

  it('ignores edits to the read-only target, comparator and progress columns', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[1]![3] = 9;
    g[1]![4] = '≤';
    g[1]![11] = 1;
    expect(pendingEntries(diffSheet(baseline, readTerm(g, '392')))).toEqual([]);
  });

  it('repairs an indicator code Excel stripped of its leading zero', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g[1]![0] = 1; // "01" became the number 1
    const diff = diffSheet(baseline, readTerm(g, '392'));
    expect(pendingEntries(diff)).toEqual([]);
    expect(diff.repairs[0]).toEqual({ at: { row: 1, col: 0 }, field: 'indicatorCode', from: '1', to: '01' });
  });

  it('a row typed under the targets adds observations for that indicator', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g.push(['GTSX', null, null, null, null, null, null, null, 1500, null, null, null, null]);
    const pending = pendingEntries(diffSheet(baseline, readTerm(g, '392')));
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      kind: 'ADDED',
      key: { unitCode: '392', indicatorCode: 'GTSX', period: '2023' },
    });
  });

  it('a value in a row without a code is a MISSING_KEY problem', () => {
    const { grid, baseline } = pulled();
    const g = copyGrid(grid);
    g.push([null, null, null, null, null, 5, null, null, null, null, null, null, null]);
    const diff = diffSheet(baseline, readTerm(g, '392'));
    expect(diff.problems.map((p) => p.code)).toContain('MISSING_KEY');
    expect(pendingEntries(diff)).toEqual([]);
  });

  it('the same indicator on two rows, or a year column pasted twice, is DUPLICATE_KEY', () => {
    const { grid, baseline } = pulled();
    const twice = copyGrid(grid);
    twice.push([...twice[1]!]);
    twice[3]![6] = 7.2;
    const d1 = diffSheet(baseline, readTerm(twice, '392'));
    expect(new Set(d1.problems.map((p) => p.code))).toEqual(new Set(['DUPLICATE_KEY']));
    expect(pendingEntries(d1)).toEqual([]);

    const cols = copyGrid(grid).map((r) => [...r, r[8]]); // the 2023 column again, at the end
    const d2 = diffSheet(baseline, readTerm(cols, '392'));
    expect(d2.problems.filter((p) => p.code === 'DUPLICATE_KEY').map((p) => p.at)).toEqual([
      { row: 1, col: 8 },
      { row: 1, col: 13 },
      { row: 2, col: 8 },
      { row: 2, col: 13 },
    ]);
  });

  it('refuses a grid without the code column', () => {
    expect(readTermGrid([['x', '2023']], '392')).toMatchObject({ ok: false, missingColumns: [TERM_HEADERS.code] });
  });

  it('a term with no observations at all renders and round-trips', () => {
    const table = termTableFrom({ ...source, observations: [], progress: [] });
    const grid = renderTermGrid(table);
    expect(grid[1]!.slice(5, 11)).toEqual([null, null, null, null, null, null]);
    expect(grid[1]!.slice(11)).toEqual([null, null]);
    const diff = diffSheet(baselineFromTable(table, PULL), readTerm(copyGrid(grid), '392'));
    expect(diff.entries).toEqual([]);
    expect(diff.problems).toEqual([]);
  });
});
