import { parsePeriod } from '../../../../schema/contract/period';
import { Dec } from '../../common/exact';
import { toRoman } from '../../common/roman';

/**
 * The number and period wording of the report sentences, in the two languages of the project:
 * Vietnamese as the reports write it (decimal comma, dot thousands: 5.540 tỷ đồng, 40,7%), English
 * with Intl's en-US digits. Pure: Intl (Node's full ICU) and decimal.js only.
 */
export enum Language {
  VI = 'VI',
  EN = 'EN',
}

const LOCALE: Record<Language, string> = { [Language.VI]: 'vi-VN', [Language.EN]: 'en-US' };

const clampDecimals = (d: number) => Math.min(Math.max(Math.trunc(d), 0), 6);

/**
 * A value as the indicator shows it: at most `decimals` decimals, trailing zeros dropped (53,2 for
 * 53.20 with 2 decimals, as the reports write it), rounded half away from zero on the decimal.
 */
export function formatValue(value: number, decimals: number, lang: Language): string {
  const fmt = new Intl.NumberFormat(LOCALE[lang], {
    maximumFractionDigits: clampDecimals(decimals),
    roundingMode: 'halfExpand',
  } as Intl.NumberFormatOptions);
  // The shortest decimal of the double (what the API returns) as a string: Intl rounds it exactly.
  return fmt.format(String(value) as unknown as number);
}

/** A value followed by its unit of measure: "7,34%", "5.540 tỷ đồng". */
export function formatMeasure(value: number, decimals: number, unit: string, lang: Language): string {
  const v = formatValue(value, decimals, lang);
  const u = unit.trim();
  if (!u) return v;
  return u === '%' ? `${v}%` : `${v} ${u}`;
}

/**
 * A share in per cent with one decimal at most, rounded half away from zero on the exact decimal:
 * 11/27 → "40,7%" (VI), "40.7%" (EN); 1 → "100%". `share` is a fraction given exactly as a Dec or as
 * the double the API returns (the nearest to the exact quotient: its shortest decimal is exact
 * wherever the per cent has a tie to break).
 */
export function formatPercent(share: number | Dec, lang: Language): string {
  const exact = typeof share === 'number' ? new Dec(String(share)) : share;
  const fmt = new Intl.NumberFormat(LOCALE[lang], {
    style: 'percent',
    maximumFractionDigits: 1,
    roundingMode: 'halfExpand',
  } as Intl.NumberFormatOptions);
  return fmt.format(exact.toString() as unknown as number);
}

/** `part` of `whole` as a per cent, from the two counts (exact). */
export const countShare = (part: number, whole: number): Dec => (whole ? new Dec(part).div(whole) : new Dec(0));

/** Ordinals in English: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 101st, 111th. */
const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const ordinals = new Intl.PluralRules('en-US', { type: 'ordinal' });
export const ordinal = (n: number): string => `${n}${ORDINAL_SUFFIX[ordinals.select(n)] ?? 'th'}`;

/** "1 target" / "2 targets" (English only: Vietnamese nouns do not inflect). */
const cardinals = new Intl.PluralRules('en-US');
export const plural = (n: number, one: string, many: string): string => (cardinals.select(n) === 'one' ? one : many);

const monthNames = new Intl.DateTimeFormat('en-US', { month: 'long', timeZone: 'UTC' });

/**
 * A period as a sentence names it: "năm 2023", "giai đoạn 2021–2023", "6 tháng đầu năm 2023",
 * "quý III năm 2023", "tháng 7 năm 2023"; English "2023", "2021–2023", "the first half of 2023",
 * "Q3 2023", "July 2023". A text that is not a period is returned as it is.
 */
export function periodPhrase(text: string, lang: Language): string {
  const p = parsePeriod(text);
  if (!p) return text;
  const vi = lang === Language.VI;
  switch (p.kind) {
    case 'YEAR':
      return vi ? `năm ${p.year}` : String(p.year);
    case 'SPAN':
      return vi ? `giai đoạn ${p.start}–${p.end}` : `${p.start}–${p.end}`;
    case 'HALF':
      if (vi) return `6 tháng ${p.half === 1 ? 'đầu' : 'cuối'} năm ${p.year}`;
      return `the ${p.half === 1 ? 'first' : 'second'} half of ${p.year}`;
    case 'QUARTER':
      return vi ? `quý ${toRoman(p.quarter)} năm ${p.year}` : `Q${p.quarter} ${p.year}`;
    case 'MONTH':
      return vi
        ? `tháng ${p.month} năm ${p.year}`
        : `${monthNames.format(new Date(Date.UTC(p.year, p.month - 1, 1)))} ${p.year}`;
  }
}
