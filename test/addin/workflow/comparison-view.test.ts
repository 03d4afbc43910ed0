/** The comparison sheets as data: period types, the preselected ranking, the scorecard order. */
import { describe, expect, it } from 'vitest';
import type { ComparisonRow, TermScore } from '../../../addin/src/api';
import {
  BAND_COLOURS,
  COMPARISON_HEADERS,
  comparisonGrid,
  periodType,
  pickRanking,
  rankingBlock,
  scorecardGrid,
} from '../../../addin/src/workflow/comparison-view';

const row = (over: Partial<ComparisonRow>): ComparisonRow => ({
  unitCode: '392',
  unitName: 'Hà Trung',
  unitLevel: 'DISTRICT',
  indicatorCode: 'G',
  indicatorName: 'Tăng trưởng',
  measure: '%',
  period: '2023',
  year: 2023,
  value: 7,
  status: 'OFFICIAL',
  target: null,
  targetPeriod: null,
  comparator: null,
  ratio: null,
  band: null,
  rank: 1,
  rankOf: 2,
  derived: false,
  ...over,
});

const score = (unitCode: string, met: number, total: number): TermScore => ({
  unitCode,
  unitName: unitCode,
  unitLevel: 'DISTRICT',
  termId: unitCode,
  title: '',
  startYear: 2020,
  endYear: 2025,
  met,
  above80: 0,
  from50To80: 0,
  below50: total - met,
  noData: 0,
  total,
  metShare: met / total,
  items: [],
});

describe('comparison view', () => {
  it('period types from the period grammar', () => {
    expect(['2023', '2023-H1', '2023-Q3', '2023-07', '2021..2023', 'x'].map(periodType)).toEqual([
      'Năm',
      '6 tháng',
      'Quý',
      'Tháng',
      'Giai đoạn',
      '',
    ]);
  });

  it('a row without target or rank leaves those cells empty; with them, "12/26"', () => {
    const [, bare, ranked] = comparisonGrid([
      row({ rank: null, rankOf: null }),
      row({ target: 8, targetPeriod: '2021..2025', ratio: 0.9175, band: 'ABOVE_80', rank: 12, rankOf: 26 }),
    ]);
    const pick = (r: (string | number)[]) =>
      (['Mục tiêu', 'Kỳ mục tiêu', 'Tỷ lệ', 'Mức', 'Hạng', 'Số đơn vị xếp hạng', 'Thứ hạng'] as const).map(
        (h) => r[COMPARISON_HEADERS.indexOf(h)],
      );
    expect(pick(bare!)).toEqual(['', '', '', '', '', '', '']);
    expect(pick(ranked!)).toEqual([8, '2021..2025', 0.9175, 'Trên 80%', 12, 26, '12/26']);
  });

  it('the ranking shown: measured against targets first, then most ranked units, the latest on a tie; unranked rows do not count', () => {
    const rows = [
      row({ unitCode: '1', period: '2022', year: 2022 }),
      row({ unitCode: '2', period: '2022', year: 2022 }),
      row({ unitCode: '1', period: '2023' }),
      row({ unitCode: '2', period: '2023' }),
      row({ unitCode: '3', period: '2024', year: 2024, rank: null }),
    ];
    expect(pickRanking(rows)).toEqual({
      indicatorCode: 'G',
      indicatorName: 'Tăng trưởng',
      period: '2023',
      level: 'DISTRICT',
    });
    expect(pickRanking([])).toBeNull();
    // One row with a target outweighs more units without.
    const banded = [...rows, row({ indicatorCode: 'H', period: '2021', year: 2021, band: 'MET' })];
    expect(pickRanking(banded)).toMatchObject({ indicatorCode: 'H', period: '2021' });
  });

  it('the ranking block is best first, each bar in its band colour (grey without a target)', () => {
    const b = rankingBlock(
      [row({ unitName: 'B', rank: 2, value: 5 }), row({ unitName: 'A', rank: 1, value: 9, band: 'MET' })],
      { indicatorCode: 'G', indicatorName: 'Tăng trưởng', period: '2023', level: 'DISTRICT' },
    );
    expect(b.grid.slice(1)).toEqual([
      ['A', 9, '1/2'],
      ['B', 5, '2/2'],
    ]);
    expect(b.colours).toEqual([BAND_COLOURS.MET, BAND_COLOURS.NONE]);
  });

  it('the scorecard is sorted by met share, then targets met, then unit code', () => {
    const g = scorecardGrid([score('3', 1, 4), score('2', 2, 4), score('1', 1, 2), score('4', 2, 4)]);
    expect(g.slice(1).map((r) => r[0])).toEqual(['2', '4', '1', '3']);
  });
});
