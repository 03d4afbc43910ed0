import { formatMeasure, Language, ordinal, periodPhrase, plural } from './format';

/**
 * A ranking's report sentence ("đứng thứ 12/26 huyện, thị xã, thành phố"), built from one ranked
 * value and the kinds of the units ranked with it. Pure.
 */

export interface RankingSentenceInput {
  unitName: string;
  indicator: { name: string; unit: string; decimals: number };
  observation: { period: string; value: number; status: string };
  rank: number;
  of: number;
  /** Another unit shares the rank. */
  tied: boolean;
  /** The kinds of the units ranked ("Huyện", "Thị xã", …): what the "of 26" counts. */
  kinds: readonly string[];
  level: 'DISTRICT' | 'COMMUNE';
}

/** Kinds in the order reports list them, with their English names (singular, plural). */
const KINDS: Record<string, { vi: string; en: [string, string] }> = {
  Huyện: { vi: 'huyện', en: ['district', 'districts'] },
  Quận: { vi: 'quận', en: ['urban district', 'urban districts'] },
  'Thị xã': { vi: 'thị xã', en: ['town', 'towns'] },
  'Thành phố': { vi: 'thành phố', en: ['city', 'cities'] },
  Xã: { vi: 'xã', en: ['commune', 'communes'] },
  Phường: { vi: 'phường', en: ['ward', 'wards'] },
  'Thị trấn': { vi: 'thị trấn', en: ['township', 'townships'] },
  'Đặc khu': { vi: 'đặc khu', en: ['special zone', 'special zones'] },
};
const ORDER = Object.keys(KINDS);

/**
 * What the units ranked are called: "huyện, thị xã, thành phố" (the kinds present, in the reports'
 * order), English "districts, towns and cities"; by level when no kind is known.
 */
export function unitNoun(
  kinds: readonly string[],
  level: 'DISTRICT' | 'COMMUNE',
  count: number,
  lang: Language,
): string {
  const present = [...new Set(kinds)].sort(
    (a, b) =>
      (ORDER.indexOf(a) + 1 || ORDER.length + 1) - (ORDER.indexOf(b) + 1 || ORDER.length + 1) || (a < b ? -1 : 1),
  );
  const fallback = level === 'DISTRICT' ? 'Huyện' : 'Xã';
  const list = present.length ? present : [fallback];
  if (lang === Language.VI) return list.map((k) => KINDS[k]?.vi ?? k.toLocaleLowerCase('vi')).join(', ');
  const many = list.length > 1 || plural(count, 'one', 'many') === 'many';
  const names = list.map((k) => (KINDS[k] ?? KINDS[fallback]).en[many ? 1 : 0]);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
}

/**
 * "Huyện Hà Trung: Tốc độ tăng giá trị sản xuất bình quân giai đoạn 2021–2023 ước đạt 7,34%, đứng thứ
 * 12/26 huyện, thị xã, thành phố"; English "Huyện Hà Trung: Tốc độ tăng …, 2021–2023: estimated at
 * 7.34%, ranks 12th of 26 districts, towns and cities". A shared rank adds "(đồng hạng)" / "(tied)".
 */
export function rankingSentence(r: RankingSentenceInput, lang: Language): string {
  const { name, unit, decimals } = r.indicator;
  const value = formatMeasure(r.observation.value, decimals, unit, lang);
  const when = periodPhrase(r.observation.period, lang);
  const estimate = r.observation.status === 'ESTIMATED';
  const noun = unitNoun(r.kinds, r.level, r.of, lang);
  if (lang === Language.VI) {
    return `${r.unitName}: ${name} ${when} ${estimate ? 'ước đạt' : 'đạt'} ${value}, đứng thứ ${r.rank}/${r.of} ${noun}${r.tied ? ' (đồng hạng)' : ''}`;
  }
  return `${r.unitName}: ${name}, ${when}: ${estimate ? 'estimated at ' : ''}${value}, ranks ${ordinal(r.rank)} of ${r.of} ${noun}${r.tied ? ' (tied)' : ''}`;
}
