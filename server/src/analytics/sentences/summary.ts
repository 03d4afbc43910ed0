import { AchievementBand } from '../enums';
import type { ScorecardCounts } from '../progress';
import { countShare, formatMeasure, formatPercent, Language, periodPhrase, plural } from './format';

/**
 * The scorecard's report sentences ("đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%"), built only from the
 * computed figures handed in: every number in a sentence is one of them, or a per cent of two of
 * them. Pure: no SQL, no GraphQL. Sentences are written as the reports write their clauses (no
 * capital added, no full stop), so the writer can put them after "đã thực hiện" or join them with "; ".
 */

/** The scorecard's counts the sentences are made of. */
export type SummaryCounts = Pick<ScorecardCounts, 'total' | 'met' | 'above80' | 'from50To80' | 'below50' | 'noData'>;

export interface SummaryItem {
  indicator: { name: string; unit: string; decimals: number };
  target: { period: string; value: number; comparator: 'AT_LEAST' | 'AT_MOST' };
  observation: { period: string; value: number; status: string } | null;
  ratio: number | null;
  band: AchievementBand;
}

/** A target is notable when it is far from its mark: a ratio of at least this, or the BELOW_50 band. */
export const FAR_ABOVE = 1.2;

const VI = Language.VI;

/** The met sentence: always there (zero, some, all, or a term without targets). */
function metSentence(c: SummaryCounts, lang: Language): string {
  const vi = lang === VI;
  if (c.total === 0) return vi ? 'chưa có chỉ tiêu nào để đánh giá' : 'there are no targets to assess';
  const pct = formatPercent(countShare(c.met, c.total), lang);
  if (c.met === 0)
    return vi ? `chưa có chỉ tiêu nào đạt và vượt (0/${c.total} chỉ tiêu)` : `no target was met yet (0 of ${c.total})`;
  if (vi) return `đạt và vượt ${c.met}/${c.total} chỉ tiêu, chiếm ${pct}`;
  if (c.met === c.total)
    return c.total === 1
      ? `met or exceeded the only target (${pct})`
      : `met or exceeded all ${c.total} targets (${pct})`;
  return `met or exceeded ${c.met} of ${c.total} targets (${pct})`;
}

/** "7/27 chỉ tiêu đạt trên 80%" · "7 of 27 targets are at 80% or more of their target". */
function bandSentence(band: AchievementBand, n: number, total: number, lang: Language): string {
  if (lang === VI) {
    const what: Partial<Record<AchievementBand, string>> = {
      [AchievementBand.ABOVE_80]: 'đạt trên 80%',
      [AchievementBand.FROM_50_TO_80]: 'đạt từ 50% đến 80%',
      [AchievementBand.BELOW_50]: 'đạt dưới 50%',
      [AchievementBand.NO_DATA]: 'chưa có số liệu',
    };
    return `${n}/${total} chỉ tiêu ${what[band]}`;
  }
  const one = plural(n, 'one', 'many') === 'one';
  const be = one ? 'is' : 'are';
  const their = one ? 'its' : 'their';
  const head = `${n} of ${total} ${plural(total, 'target', 'targets')}`;
  switch (band) {
    case AchievementBand.ABOVE_80:
      return `${head} ${be} at 80% or more of ${their} target`;
    case AchievementBand.FROM_50_TO_80:
      return `${head} ${be} at 50% to 80% of ${their} target`;
    case AchievementBand.BELOW_50:
      return `${head} ${be} below 50% of ${their} target`;
    default:
      return `${head} ${one ? 'has' : 'have'} no data yet`;
  }
}

/** Whether a target gets its own sentence: far above (ratio ≥ 1.2) or below half of its target. */
export function isNotable(item: SummaryItem): boolean {
  if (!item.observation || item.ratio === null) return false;
  return item.ratio >= FAR_ABOVE || item.band === AchievementBand.BELOW_50;
}

/**
 * One target's sentence, as the reports quote a figure: "Tổng vốn đầu tư giai đoạn 2021–2023 ước đạt
 * 5.540 tỷ đồng, bằng 55,4% mục tiêu Nghị quyết". "ước đạt" when the figure is an estimate
 * (ESTIMATED), "đạt" otherwise. For an AT_MOST target (the ratio is target/value there) the target
 * itself is named instead of a per cent: "…, mục tiêu Nghị quyết không quá 3%".
 */
export function indicatorSentence(item: SummaryItem, lang: Language): string | null {
  const o = item.observation;
  if (!o) return null;
  const { name, unit, decimals } = item.indicator;
  const vi = lang === VI;
  const estimate = o.status === 'ESTIMATED';
  const value = formatMeasure(o.value, decimals, unit, lang);
  const when = periodPhrase(o.period, lang);
  const head = vi
    ? `${name} ${when} ${estimate ? 'ước đạt' : 'đạt'} ${value}`
    : `${name}, ${when}: ${estimate ? 'estimated at ' : ''}${value}`;
  if (item.target.comparator === 'AT_MOST') {
    const target = formatMeasure(item.target.value, decimals, unit, lang);
    return vi
      ? `${head}, mục tiêu Nghị quyết không quá ${target}`
      : `${head}, against a resolution target of at most ${target}`;
  }
  if (item.ratio === null) return head;
  const pct = formatPercent(item.ratio, lang);
  return vi ? `${head}, bằng ${pct} mục tiêu Nghị quyết` : `${head}, ${pct} of the resolution's target`;
}

/**
 * The summary: the met sentence, then one per other band that has targets (ABOVE_80, FROM_50_TO_80,
 * BELOW_50, NO_DATA), then one per notable target in the term's target order.
 */
export function summarySentences(counts: SummaryCounts, items: readonly SummaryItem[], lang: Language): string[] {
  const out = [metSentence(counts, lang)];
  const bands: [AchievementBand, number][] = [
    [AchievementBand.ABOVE_80, counts.above80],
    [AchievementBand.FROM_50_TO_80, counts.from50To80],
    [AchievementBand.BELOW_50, counts.below50],
    [AchievementBand.NO_DATA, counts.noData],
  ];
  for (const [band, n] of bands) if (n > 0) out.push(bandSentence(band, n, counts.total, lang));
  for (const item of items) {
    if (!isNotable(item)) continue;
    const s = indicatorSentence(item, lang);
    if (s) out.push(s);
  }
  return out;
}
