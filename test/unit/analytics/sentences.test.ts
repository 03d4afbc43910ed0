import { describe, expect, it } from 'vitest';
import { AchievementBand } from '../../../server/src/analytics/enums';
import {
  formatMeasure,
  formatPercent,
  formatValue,
  Language,
  ordinal,
  periodPhrase,
} from '../../../server/src/analytics/sentences/format';
import { rankingSentence, unitNoun, type RankingSentenceInput } from '../../../server/src/analytics/sentences/ranking';
import {
  indicatorSentence,
  summarySentences,
  type SummaryCounts,
  type SummaryItem,
} from '../../../server/src/analytics/sentences/summary';

const { VI, EN } = Language;
const counts = (c: Partial<SummaryCounts>): SummaryCounts => ({
  total: 0,
  met: 0,
  above80: 0,
  from50To80: 0,
  below50: 0,
  noData: 0,
  ...c,
});
const item = (over: Partial<SummaryItem> & { value?: number; status?: string; period?: string }): SummaryItem => ({
  indicator: { name: 'Tổng vốn đầu tư xã hội', unit: 'tỷ đồng', decimals: 2 },
  target: { period: '2021..2025', value: 10000, comparator: 'AT_LEAST' },
  observation: { period: over.period ?? '2021..2023', value: over.value ?? 5540, status: over.status ?? 'ESTIMATED' },
  ratio: 0.554,
  band: AchievementBand.FROM_50_TO_80,
  ...over,
});

describe('numbers as the reports write them', () => {
  it('Vietnamese: decimal comma, dot thousands, trailing zeros dropped; English: en-US', () => {
    expect(formatValue(5540, 2, VI)).toBe('5.540');
    expect(formatValue(53.2, 2, VI)).toBe('53,2');
    expect(formatValue(50.04, 2, VI)).toBe('50,04');
    expect(formatValue(1234567.891, 2, VI)).toBe('1.234.567,89');
    expect(formatValue(1234567.891, 2, EN)).toBe('1,234,567.89');
    expect(formatValue(-2, 1, VI)).toBe('-2');
    // Rounded half away from zero on the decimal, at the indicator's decimals.
    expect(formatValue(1.005, 2, VI)).toBe('1,01');
    expect(formatValue(0.5, 0, EN)).toBe('1');
    expect(formatMeasure(7.34, 2, '%', VI)).toBe('7,34%');
    expect(formatMeasure(5540, 2, 'tỷ đồng', VI)).toBe('5.540 tỷ đồng');
  });

  it('per cents with one decimal at most, rounded half away from zero on the exact share', () => {
    expect(formatPercent(11 / 27, VI)).toBe('40,7%');
    expect(formatPercent(11 / 27, EN)).toBe('40.7%');
    expect(formatPercent(1, VI)).toBe('100%');
    expect(formatPercent(0.554, VI)).toBe('55,4%');
    expect(formatPercent(1 / 16, VI)).toBe('6,3%'); // 6.25 exactly
    expect(formatPercent(0.03375 * 10, EN)).toBe('33.8%'); // 33.75 exactly, though the double product is not
    expect(formatPercent(-0.4, VI)).toBe('-40%');
  });

  it('periods and ordinals', () => {
    expect(periodPhrase('2023', VI)).toBe('năm 2023');
    expect(periodPhrase('2021..2023', VI)).toBe('giai đoạn 2021–2023');
    expect(periodPhrase('2023-H1', VI)).toBe('6 tháng đầu năm 2023');
    expect(periodPhrase('2023-H2', EN)).toBe('the second half of 2023');
    expect(periodPhrase('2023-Q3', VI)).toBe('quý III năm 2023');
    expect(periodPhrase('2023-Q3', EN)).toBe('Q3 2023');
    expect(periodPhrase('2023-07', VI)).toBe('tháng 7 năm 2023');
    expect(periodPhrase('2023-07', EN)).toBe('July 2023');
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '101st',
      '111th',
    ]);
  });
});

describe('summary sentences', () => {
  const haTrung = counts({ total: 27, met: 11, above80: 7, from50To80: 4, below50: 5 });

  it('the acceptance term: đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%, and the other bands', () => {
    expect(summarySentences(haTrung, [], VI)).toEqual([
      'đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%',
      '7/27 chỉ tiêu đạt trên 80%',
      '4/27 chỉ tiêu đạt từ 50% đến 80%',
      '5/27 chỉ tiêu đạt dưới 50%',
    ]);
    expect(summarySentences(haTrung, [], EN)).toEqual([
      'met or exceeded 11 of 27 targets (40.7%)',
      '7 of 27 targets are at 80% or more of their target',
      '4 of 27 targets are at 50% to 80% of their target',
      '5 of 27 targets are below 50% of their target',
    ]);
  });

  it('plural and singular in English (Vietnamese does not inflect); no-data band', () => {
    const c = counts({ total: 5, met: 1, above80: 1, from50To80: 1, below50: 1, noData: 1 });
    expect(summarySentences(c, [], EN)).toEqual([
      'met or exceeded 1 of 5 targets (20%)',
      '1 of 5 targets is at 80% or more of its target',
      '1 of 5 targets is at 50% to 80% of its target',
      '1 of 5 targets is below 50% of its target',
      '1 of 5 targets has no data yet',
    ]);
    expect(summarySentences(counts({ total: 5, met: 2, noData: 3 }), [], EN)).toEqual([
      'met or exceeded 2 of 5 targets (40%)',
      '3 of 5 targets have no data yet',
    ]);
    expect(summarySentences(counts({ total: 5, met: 2, noData: 3 }), [], VI)).toEqual([
      'đạt và vượt 2/5 chỉ tiêu, chiếm 40%',
      '3/5 chỉ tiêu chưa có số liệu',
    ]);
  });

  it('zero met, all met, a single target, no targets', () => {
    expect(summarySentences(counts({ total: 27, below50: 27 }), [], VI)).toEqual([
      'chưa có chỉ tiêu nào đạt và vượt (0/27 chỉ tiêu)',
      '27/27 chỉ tiêu đạt dưới 50%',
    ]);
    expect(summarySentences(counts({ total: 27, below50: 27 }), [], EN)[0]).toBe('no target was met yet (0 of 27)');
    expect(summarySentences(counts({ total: 27, met: 27 }), [], VI)).toEqual([
      'đạt và vượt 27/27 chỉ tiêu, chiếm 100%',
    ]);
    expect(summarySentences(counts({ total: 27, met: 27 }), [], EN)).toEqual(['met or exceeded all 27 targets (100%)']);
    expect(summarySentences(counts({ total: 1, met: 1 }), [], EN)).toEqual(['met or exceeded the only target (100%)']);
    expect(summarySentences(counts({ total: 1, noData: 1 }), [], EN)).toEqual([
      'no target was met yet (0 of 1)',
      '1 of 1 target has no data yet',
    ]);
    expect(summarySentences(counts({ total: 1, noData: 1 }), [], VI)).toEqual([
      'chưa có chỉ tiêu nào đạt và vượt (0/1 chỉ tiêu)',
      '1/1 chỉ tiêu chưa có số liệu',
    ]);
    expect(summarySentences(counts({}), [], VI)).toEqual(['chưa có chỉ tiêu nào để đánh giá']);
    expect(summarySentences(counts({}), [], EN)).toEqual(['there are no targets to assess']);
  });

  it('an estimate is "ước đạt", any other figure "đạt"; a per cent of the target (seed 003)', () => {
    const investment = item({});
    expect(indicatorSentence(investment, VI)).toBe(
      'Tổng vốn đầu tư xã hội giai đoạn 2021–2023 ước đạt 5.540 tỷ đồng, bằng 55,4% mục tiêu Nghị quyết',
    );
    expect(indicatorSentence(investment, EN)).toBe(
      "Tổng vốn đầu tư xã hội, 2021–2023: estimated at 5,540 tỷ đồng, 55.4% of the resolution's target",
    );
    const official = item({ status: 'OFFICIAL' });
    expect(indicatorSentence(official, VI)).toBe(
      'Tổng vốn đầu tư xã hội giai đoạn 2021–2023 đạt 5.540 tỷ đồng, bằng 55,4% mục tiêu Nghị quyết',
    );
    expect(indicatorSentence(item({ status: 'PRELIMINARY' }), EN)).toBe(
      "Tổng vốn đầu tư xã hội, 2021–2023: 5,540 tỷ đồng, 55.4% of the resolution's target",
    );
  });

  it('AT_MOST names its target (its ratio is target/value); no ratio, no per cent; no data, no sentence', () => {
    const poor = item({
      indicator: { name: 'Tỷ lệ hộ nghèo', unit: '%', decimals: 1 },
      target: { period: '2025', value: 3, comparator: 'AT_MOST' },
      observation: { period: '2023-H1', value: 4.6, status: 'PRELIMINARY' },
      ratio: 3 / 4.6,
    });
    expect(indicatorSentence(poor, VI)).toBe(
      'Tỷ lệ hộ nghèo 6 tháng đầu năm 2023 đạt 4,6%, mục tiêu Nghị quyết không quá 3%',
    );
    expect(indicatorSentence(poor, EN)).toBe(
      'Tỷ lệ hộ nghèo, the first half of 2023: 4.6%, against a resolution target of at most 3%',
    );
    expect(indicatorSentence(item({ ratio: null, band: AchievementBand.BELOW_50, value: -2 }), VI)).toBe(
      'Tổng vốn đầu tư xã hội giai đoạn 2021–2023 ước đạt -2 tỷ đồng',
    );
    expect(indicatorSentence(item({ observation: null, ratio: null, band: AchievementBand.NO_DATA }), VI)).toBeNull();
  });

  it('notable targets follow the bands, in target order: far above (ratio ≥ 1.2) and below half', () => {
    const items = [
      item({ ratio: 0.554, band: AchievementBand.FROM_50_TO_80 }), // not notable
      item({ ratio: 1.25, band: AchievementBand.MET, value: 12500, status: 'OFFICIAL' }),
      item({ ratio: 1.1, band: AchievementBand.MET, value: 11000 }), // met, not far above
      item({ ratio: 0.3, band: AchievementBand.BELOW_50, value: 3000 }),
      item({ ratio: null, band: AchievementBand.BELOW_50, value: -2 }), // no ratio: not notable
      item({ observation: null, ratio: null, band: AchievementBand.NO_DATA }),
    ];
    const c = counts({ total: 6, met: 2, from50To80: 1, below50: 2, noData: 1 });
    expect(summarySentences(c, items, VI)).toEqual([
      'đạt và vượt 2/6 chỉ tiêu, chiếm 33,3%',
      '1/6 chỉ tiêu đạt từ 50% đến 80%',
      '2/6 chỉ tiêu đạt dưới 50%',
      '1/6 chỉ tiêu chưa có số liệu',
      'Tổng vốn đầu tư xã hội giai đoạn 2021–2023 đạt 12.500 tỷ đồng, bằng 125% mục tiêu Nghị quyết',
      'Tổng vốn đầu tư xã hội giai đoạn 2021–2023 ước đạt 3.000 tỷ đồng, bằng 30% mục tiêu Nghị quyết',
    ]);
  });
});

describe('ranking sentences', () => {
  const base: RankingSentenceInput = {
    unitName: 'Huyện Hà Trung',
    indicator: { name: 'Tốc độ tăng giá trị sản xuất bình quân', unit: '%', decimals: 2 },
    observation: { period: '2021..2023', value: 7.34, status: 'ESTIMATED' },
    rank: 12,
    of: 26,
    tied: false,
    kinds: ['Thành phố', 'Huyện', 'Thị xã'],
    level: 'DISTRICT',
  };

  it('đứng thứ 12/26 huyện, thị xã, thành phố · ranks 12th of 26 districts, towns and cities', () => {
    expect(rankingSentence(base, VI)).toBe(
      'Huyện Hà Trung: Tốc độ tăng giá trị sản xuất bình quân giai đoạn 2021–2023 ước đạt 7,34%, đứng thứ 12/26 huyện, thị xã, thành phố',
    );
    expect(rankingSentence(base, EN)).toBe(
      'Huyện Hà Trung: Tốc độ tăng giá trị sản xuất bình quân, 2021–2023: estimated at 7.34%, ranks 12th of 26 districts, towns and cities',
    );
  });

  it('communes, a shared rank, an official figure, one unit ranked', () => {
    const commune: RankingSentenceInput = {
      ...base,
      unitName: 'Phường Hàm Rồng',
      indicator: { name: 'Thu nhập bình quân đầu người', unit: 'triệu đồng/người/năm', decimals: 2 },
      observation: { period: '2026', value: 61.5, status: 'OFFICIAL' },
      rank: 2,
      of: 166,
      tied: true,
      kinds: ['Phường', 'Xã'],
      level: 'COMMUNE',
    };
    expect(rankingSentence(commune, VI)).toBe(
      'Phường Hàm Rồng: Thu nhập bình quân đầu người năm 2026 đạt 61,5 triệu đồng/người/năm, đứng thứ 2/166 xã, phường (đồng hạng)',
    );
    expect(rankingSentence(commune, EN)).toBe(
      'Phường Hàm Rồng: Thu nhập bình quân đầu người, 2026: 61.5 triệu đồng/người/năm, ranks 2nd of 166 communes and wards (tied)',
    );
    expect(unitNoun(['Huyện'], 'DISTRICT', 1, EN)).toBe('district');
    expect(unitNoun(['Huyện'], 'DISTRICT', 2, EN)).toBe('districts');
    expect(unitNoun([], 'COMMUNE', 3, VI)).toBe('xã');
  });
});
