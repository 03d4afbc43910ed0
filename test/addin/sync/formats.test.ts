import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  baselineFromTable,
  diffSheet,
  formatKind,
  longTableFromObservations,
  parseBaseline,
  pendingEntries,
  percentPoints,
  planPush,
  readLongGrid,
  readTermGrid,
  renderLongGrid,
  renderTermGrid,
  serializeBaseline,
  termTableFrom,
  type Grid,
} from '../../../addin/src/sync';
import { col, copyGrid, obs, PULL } from './helpers';

describe('number formats', () => {
  it.each([
    ['General', 'general'],
    ['', 'general'],
    [undefined, 'general'],
    ['@', 'text'],
    ['0', 'number'],
    ['#,##0.00', 'number'],
    ['0.0%', 'percent'],
    ['0%', 'percent'],
    ['#,##0.00" %"', 'number'], // a quoted % is decoration, not a percent format
    ['m/d/yyyy', 'date'],
    ['[$-42A]dd/mm/yyyy', 'date'],
    ['h:mm AM/PM', 'date'],
    ['[h]:mm', 'date'],
    ['[Red]#,##0;-#,##0', 'number'],
    ['"Năm "0', 'number'],
  ])('%j is %s', (format, kind) => {
    expect(formatKind(format)).toBe(kind);
  });

  it('percent points are exact in decimal: 0.029 → 2.9, not 2.9000000000000004', () => {
    expect(0.029 * 100).not.toBe(2.9); // what the naive product gives
    expect(0.145 * 100).not.toBe(14.5);
    expect(percentPoints(0.029)).toBe(2.9);
    expect(percentPoints(0.145)).toBe(14.5);
    expect(percentPoints(0.015)).toBe(1.5);
    expect(percentPoints(0.07)).toBe(7);
    expect(percentPoints(1.5 * 0.01)).toBe(1.5); // Excel's own product of "1,5%"
    expect(percentPoints(-0.123)).toBe(-12.3);
    expect(percentPoints(1e-7)).toBe(0.00001);
    expect(percentPoints(0)).toBe(0);
  });

  it('property: a percent typed with up to 6 decimals comes back as typed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000_000, max: 10_000_000 }), fc.integer({ min: 0, max: 6 }), (n, d) => {
        const typed = Number(`${n}e-${d}`);
        expect(percentPoints(typed / 100)).toBe(typed);
      }),
    );
  });
});

/** A long table with a % indicator (01) and a non-% one (02), as pulled, with its formats grid. */
function pulledLong() {
  const table = longTableFromObservations([obs('001', '01', '2023', 7.34, 3), obs('001', '02', '2023', 54.2, 2)]);
  const grid = copyGrid(renderLongGrid(table));
  const formats: string[][] = grid.map((r) => r.map(() => 'General'));
  return { grid, formats, baseline: baselineFromTable(table, PULL) };
}

function diffLong(grid: unknown[][], formats: string[][], baseline = pulledLong().baseline) {
  const read = readLongGrid(grid, formats);
  if (!read.ok) throw new Error(read.message);
  return diffSheet(baseline, read.entries);
}

describe('value cells read with their format (long table)', () => {
  it('"1,5%" typed on a % indicator (0.015, format 0.0%) pushes 1.5', () => {
    // The old reader took the stored 0.015 as the figure and pushed 0.015 for "1,5%".
    const { grid, formats, baseline } = pulledLong();
    const v = col(grid, 'Giá trị');
    grid[1]![v] = 0.015;
    formats[1]![v] = '0.0%';
    const d = diffLong(grid, formats, baseline);
    expect(d.problems).toEqual([]);
    expect(planPush(d).rows.map((r) => r.value)).toEqual([1.5]);
  });

  it('a percent cell on an indicator not measured in % is ambiguous: both readings named, nothing sent', () => {
    const { grid, formats, baseline } = pulledLong();
    const v = col(grid, 'Giá trị');
    grid[2]![v] = 0.015;
    formats[2]![v] = '0.0%';
    const d = diffLong(grid, formats, baseline);
    expect(planPush(d).rows).toEqual([]);
    expect(d.problems).toEqual([
      expect.objectContaining({
        code: 'PERCENT_AMBIGUOUS',
        at: { row: 2, col: v },
        candidates: [0.015, 1.5],
        key: expect.objectContaining({ indicatorCode: '02' }),
      }),
    ]);
    expect(d.problems[0]!.message).toContain('"triệu đồng"');
  });

  it('a percent cell on a row typed under the table with an unknown indicator is ambiguous too', () => {
    const { grid, formats, baseline } = pulledLong();
    grid.push(['001', null, '99', null, null, '2024', 0.2, null, null, null, null, null]);
    formats.push(grid[0]!.map((_, i) => (i === 6 ? '0%' : 'General')));
    const d = diffLong(grid, formats, baseline);
    expect(d.problems.map((p) => [p.code, p.candidates])).toEqual([['PERCENT_AMBIGUOUS', [0.2, 20]]]);
  });

  it('a date-formatted value cell is refused (Excel holds a day count)', () => {
    const { grid, formats, baseline } = pulledLong();
    const v = col(grid, 'Giá trị');
    grid[1]![v] = 45292;
    formats[1]![v] = 'm/d/yyyy';
    const d = diffLong(grid, formats, baseline);
    expect(d.problems.map((p) => [p.code, p.at])).toEqual([['DATE_IN_VALUE', { row: 1, col: v }]]);
    expect(planPush(d).rows).toEqual([]);
  });

  it('a plain number and a number format are taken as they are; a 0% is 0 whatever the unit', () => {
    const { grid, formats, baseline } = pulledLong();
    const v = col(grid, 'Giá trị');
    grid[1]![v] = 1.5;
    formats[1]![v] = '#,##0.00';
    grid[2]![v] = 0;
    formats[2]![v] = '0%';
    const d = diffLong(grid, formats, baseline);
    expect(d.problems).toEqual([]);
    expect(pendingEntries(d).map((e) => e.desired.value)).toEqual([1.5, 0]);
  });

  it('pull → read back unchanged is stable with formats: % indicators are written as plain numbers', () => {
    const { grid, formats, baseline } = pulledLong();
    expect(pendingEntries(diffLong(grid, formats, baseline))).toEqual([]);
  });

  it('a baseline stored before labels were kept: the unit is unknown, so a percent cell is ambiguous', () => {
    const { grid, formats, baseline } = pulledLong();
    const { labels: _dropped, ...old } = baseline;
    const v = col(grid, 'Giá trị');
    grid[1]![v] = 0.015;
    formats[1]![v] = '0.0%';
    expect(diffLong(grid, formats, old).problems.map((p) => p.code)).toEqual(['PERCENT_AMBIGUOUS']);
  });

  it('the labels survive the baseline round trip (so the rule holds after reopening the workbook)', () => {
    const { baseline } = pulledLong();
    const parsed = parseBaseline(serializeBaseline(baseline));
    expect(parsed.ok && parsed.baseline.labels?.indicators.get('01')).toEqual({ name: 'Tốc độ tăng GTSX', unit: '%' });
    const broken = JSON.parse(serializeBaseline(baseline)) as Record<string, unknown>;
    broken.t = { u: [], i: [['01', 5, null]], r: [] };
    expect(parseBaseline(JSON.stringify(broken)).ok).toBe(false);
  });
});

describe('value cells read with their format (term sheet)', () => {
  const term = { id: 'T1', unitCode: '392', unitName: 'Huyện Hà Trung', startYear: 2021, endYear: 2025, title: 'XXII' };
  const table = termTableFrom({
    term,
    targets: [
      {
        indicator: { code: '01', name: 'Tốc độ tăng GTSX', unit: '%', decimals: 2 },
        period: '2025',
        value: 8.5,
        comparator: 'AT_LEAST',
      },
      {
        indicator: { code: 'GTSX', name: 'Tổng GTSX', unit: 'tỷ đồng', decimals: 0 },
        period: '2025',
        value: 900,
        comparator: 'AT_LEAST',
      },
    ],
    observations: [obs('392', '01', '2023', 7.6, 1)],
  });
  const baseline = baselineFromTable(table, PULL);

  function diffTerm(edit: (grid: unknown[][], formats: string[][], year: number) => void) {
    const grid = copyGrid(renderTermGrid(table) as Grid);
    const formats = grid.map((r) => r.map(() => 'General'));
    edit(grid, formats, grid[0]!.indexOf('2024'));
    const read = readTermGrid(grid, '392', null, formats);
    if (!read.ok) throw new Error(read.message);
    return diffSheet(baseline, read.entries);
  }

  it('"1,5%" in a year cell of a % indicator pushes 1.5; of a "tỷ đồng" one it is ambiguous', () => {
    const d = diffTerm((g, f, y) => {
      g[1]![y] = 0.015;
      f[1]![y] = '0.0%';
      g[2]![y] = 0.015;
      f[2]![y] = '0.0%';
    });
    expect(planPush(d).rows.map((r) => [r.indicatorCode, r.value])).toEqual([['01', 1.5]]);
    expect(d.problems.map((p) => [p.code, p.key?.indicatorCode])).toEqual([['PERCENT_AMBIGUOUS', 'GTSX']]);
  });
});
