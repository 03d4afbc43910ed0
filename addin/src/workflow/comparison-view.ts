/**
 * The comparison sheets as data, before any of it reaches Excel (pure, tested without Excel):
 * the read-only comparison table (one row per unit × indicator × period from provinceComparison,
 * with its period type, target, ratio, band and rank), the scorecard table (each unit's targets
 * counted by band, from Term.scorecard, best met share first), the ranking block a bar chart is
 * drawn from, and one progress block per term.
 */
import type { Band, ComparisonLevel, ComparisonRow, TermScore } from '../api';
import { parsePeriod } from '../sync';

/** What a review reads first (unit, indicator, period, value against target, band, rank) on the left. */
export const COMPARISON_HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Chỉ tiêu',
  'Kỳ',
  'Giá trị',
  'Mục tiêu',
  'Tỷ lệ',
  'Mức',
  'Thứ hạng',
  'Hạng',
  'Số đơn vị xếp hạng',
  'Loại kỳ',
  'Cấp',
  'Năm',
  'Mã chỉ tiêu',
  'Đơn vị tính',
  'Trạng thái',
  'Kỳ mục tiêu',
  'Mã mức',
] as const;

/** Column index of a comparison header. */
export const CMP = Object.fromEntries(COMPARISON_HEADERS.map((h, i) => [h, i])) as Record<
  (typeof COMPARISON_HEADERS)[number],
  number
>;

export const BAND_LABELS: Readonly<Record<Band, string>> = {
  MET: 'Đạt',
  ABOVE_80: 'Trên 80%',
  FROM_50_TO_80: 'Từ 50 đến 80%',
  BELOW_50: 'Dưới 50%',
  NO_DATA: 'Chưa có số liệu',
};

export const BANDS: readonly Band[] = ['MET', 'ABOVE_80', 'FROM_50_TO_80', 'BELOW_50', 'NO_DATA'];

/** Cell fills of the band column (light, black text stays readable on each). */
export const BAND_FILLS: Readonly<Record<Band, string>> = {
  MET: '#C6EFCE',
  ABOVE_80: '#DDEBF7',
  FROM_50_TO_80: '#FFEB9C',
  BELOW_50: '#FFC7CE',
  NO_DATA: '#EDEDED',
};

/** Bar colours in the charts (stronger than the fills: a bar has no text on it). */
export const BAND_COLOURS: Readonly<Record<Band, string>> & { readonly NONE: string } = {
  MET: '#2E7D32',
  ABOVE_80: '#4472C4',
  FROM_50_TO_80: '#FFC000',
  BELOW_50: '#C00000',
  NO_DATA: '#A5A5A5',
  NONE: '#7F7F7F',
};

/**
 * The band as a number, for the band pivot (a pivot aggregates numbers, not labels): 4 MET,
 * 3 ABOVE_80, 2 FROM_50_TO_80, 1 BELOW_50; no target, no band: empty.
 */
export const BAND_CODES: Readonly<Record<Exclude<Band, 'NO_DATA'>, number>> = {
  MET: 4,
  ABOVE_80: 3,
  FROM_50_TO_80: 2,
  BELOW_50: 1,
};

/**
 * How the band pivot shows a code: "Đạt" (met), "Chưa đạt" (not met: the colour tells how far), and
 * nothing where no target applies (the pivot shows 0 there). A number format has at most two
 * conditions, so the three bands below MET share one label and differ by colour.
 */
export const BAND_CODE_FORMAT = '[=4]"Đạt";[>0]"Chưa đạt";""';

/** The fill of each band code in the band pivot (the band column's fills). */
export const BAND_CODE_FILLS: readonly { readonly value: number; readonly fill: string }[] = (
  Object.entries(BAND_CODES) as [Exclude<Band, 'NO_DATA'>, number][]
).map(([band, value]) => ({ value, fill: BAND_FILLS[band] }));

export const LEVEL_LABELS: Readonly<Record<ComparisonLevel, string>> = { DISTRICT: 'Huyện', COMMUNE: 'Xã' };

const PERIOD_TYPES = { YEAR: 'Năm', HALF: '6 tháng', QUARTER: 'Quý', MONTH: 'Tháng', SPAN: 'Giai đoạn' } as const;

/** "Năm", "6 tháng", "Quý", "Tháng" or "Giai đoạn": the period-type filter of the pivot. */
export function periodType(period: string): string {
  const p = parsePeriod(period);
  return p ? PERIOD_TYPES[p.kind] : '';
}

export type Cell = string | number;

/** The comparison table: header and one row per provinceComparison row, in the server's order. */
export function comparisonGrid(rows: readonly ComparisonRow[]): Cell[][] {
  const out: Cell[][] = [[...COMPARISON_HEADERS]];
  for (const r of rows) {
    const cells: Record<(typeof COMPARISON_HEADERS)[number], Cell> = {
      'Mã đơn vị': r.unitCode,
      'Đơn vị': r.unitName,
      'Chỉ tiêu': r.indicatorName,
      Kỳ: r.period,
      'Giá trị': r.value,
      'Mục tiêu': r.target ?? '',
      'Tỷ lệ': r.ratio ?? '',
      Mức: r.band ? BAND_LABELS[r.band] : '',
      'Thứ hạng': r.rank !== null && r.rankOf !== null ? `${r.rank}/${r.rankOf}` : '',
      Hạng: r.rank ?? '',
      'Số đơn vị xếp hạng': r.rankOf ?? '',
      'Loại kỳ': periodType(r.period),
      Cấp: LEVEL_LABELS[r.unitLevel],
      Năm: r.year,
      'Mã chỉ tiêu': r.indicatorCode,
      'Đơn vị tính': r.measure,
      'Trạng thái': r.status,
      'Kỳ mục tiêu': r.targetPeriod ?? '',
      'Mã mức': r.band && r.band !== 'NO_DATA' ? BAND_CODES[r.band] : '',
    };
    out.push(COMPARISON_HEADERS.map((h) => cells[h]));
  }
  return out;
}

export const SCORECARD_HEADERS = [
  'Mã đơn vị',
  'Đơn vị',
  'Cấp',
  'Nhiệm kỳ',
  BAND_LABELS.MET,
  BAND_LABELS.ABOVE_80,
  BAND_LABELS.FROM_50_TO_80,
  BAND_LABELS.BELOW_50,
  BAND_LABELS.NO_DATA,
  'Tổng số mục tiêu',
  'Tỷ lệ đạt',
] as const;

/** Terms best met share first (then more targets met, then unit code): the order a review ranks them in. */
export function sortScores(scores: readonly TermScore[]): TermScore[] {
  return [...scores].sort(
    (a, b) =>
      b.metShare - a.metShare ||
      b.met - a.met ||
      (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : a.startYear - b.startYear),
  );
}

/** Units × bands: one row per term with targets, sorted by met share. */
export function scorecardGrid(scores: readonly TermScore[]): Cell[][] {
  return [
    [...SCORECARD_HEADERS],
    ...sortScores(scores).map((s) => [
      s.unitCode,
      s.unitName,
      LEVEL_LABELS[s.unitLevel],
      `${s.startYear}–${s.endYear}`,
      s.met,
      s.above80,
      s.from50To80,
      s.below50,
      s.noData,
      s.total,
      s.metShare,
    ]),
  ];
}

/** The indicator × period × level a ranking chart shows. */
export interface RankingPick {
  readonly indicatorCode: string;
  readonly indicatorName: string;
  readonly period: string;
  readonly level: ComparisonLevel;
}

/**
 * The indicator × period whose rows are most often measured against a target (the resolution's
 * indicators), then with the most ranked units, then the latest period, then the first indicator
 * code: the comparison a review quotes ("đứng thứ 12 toàn tỉnh"), preselected in the pivot's
 * filters and drawn as the ranking chart.
 */
export function pickRanking(rows: readonly ComparisonRow[]): RankingPick | null {
  const counts = new Map<string, { pick: RankingPick; n: number; banded: number; year: number }>();
  for (const r of rows) {
    if (r.rank === null) continue;
    const k = `${r.indicatorCode}\u0000${r.period}\u0000${r.unitLevel}`;
    const c = counts.get(k) ?? {
      pick: { indicatorCode: r.indicatorCode, indicatorName: r.indicatorName, period: r.period, level: r.unitLevel },
      n: 0,
      banded: 0,
      year: r.year,
    };
    c.n++;
    if (r.band) c.banded++;
    counts.set(k, c);
  }
  const best = [...counts.values()].sort(
    (a, b) =>
      b.banded - a.banded ||
      b.n - a.n ||
      b.year - a.year ||
      (a.pick.indicatorCode < b.pick.indicatorCode ? -1 : a.pick.indicatorCode > b.pick.indicatorCode ? 1 : 0),
  )[0];
  return best?.pick ?? null;
}

export interface ChartBlock {
  readonly title: string;
  /** Header and rows: category, value. */
  readonly grid: Cell[][];
  /** Bar colour of each row (category) in order. */
  readonly colours: readonly string[];
}

/** Ranked units of the pick, best first: name, value, rank; bars coloured by band. */
export function rankingBlock(rows: readonly ComparisonRow[], pick: RankingPick): ChartBlock {
  const ranked = rows
    .filter(
      (r) =>
        r.rank !== null &&
        r.indicatorCode === pick.indicatorCode &&
        r.period === pick.period &&
        r.unitLevel === pick.level,
    )
    .sort((a, b) => a.rank! - b.rank! || (a.unitCode < b.unitCode ? -1 : 1));
  const measure = ranked[0]?.measure ?? '';
  return {
    title: `Xếp hạng: ${pick.indicatorName} (${pick.period})`,
    grid: [
      ['Đơn vị', `Giá trị${measure ? ` (${measure})` : ''}`, 'Thứ hạng'],
      ...ranked.map((r) => [r.unitName, r.value, `${r.rank}/${r.rankOf}`]),
    ],
    colours: ranked.map((r) => (r.band ? BAND_COLOURS[r.band] : BAND_COLOURS.NONE)),
  };
}

/** One term's progress: a bar per target, its ratio (0 without data), coloured by band. */
export function progressBlock(s: TermScore): ChartBlock {
  return {
    title: `Tiến độ: ${s.unitName} ${s.startYear}–${s.endYear}`,
    grid: [
      ['Chỉ tiêu', 'Tỷ lệ so với mục tiêu'],
      ...s.items.map((i) => [`${i.indicatorName} (${i.period})`, i.ratio ?? 0]),
    ],
    colours: s.items.map((i) => BAND_COLOURS[i.band]),
  };
}
