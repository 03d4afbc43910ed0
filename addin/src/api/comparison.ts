/**
 * What the comparison sheets are made of: `provinceComparison` (one row per district or commune ×
 * indicator × period, with target, ratio, band and rank) and every term's `scorecard` of the
 * province's districts or communes (the band counts the province-wide scorecard shows).
 */
import type { GraphQLClient } from './client';
import type { Progress } from './reads';

export type Band = 'MET' | 'ABOVE_80' | 'FROM_50_TO_80' | 'BELOW_50' | 'NO_DATA';
export type ComparisonLevel = 'DISTRICT' | 'COMMUNE';

export interface ComparisonRow {
  readonly unitCode: string;
  readonly unitName: string;
  readonly unitLevel: ComparisonLevel;
  readonly indicatorCode: string;
  readonly indicatorName: string;
  readonly measure: string;
  readonly period: string;
  readonly year: number;
  readonly value: number;
  readonly status: string;
  readonly target: number | null;
  readonly targetPeriod: string | null;
  readonly comparator: 'AT_LEAST' | 'AT_MOST' | null;
  readonly ratio: number | null;
  readonly band: Band | null;
  readonly rank: number | null;
  readonly rankOf: number | null;
  readonly derived: boolean;
}

export interface ComparisonFilter {
  readonly provinceCode: string;
  readonly indicatorCodes?: readonly string[];
  readonly fromYear?: number;
  readonly toYear?: number;
  readonly boundaries?: 'AS_REPORTED' | 'CURRENT';
}

const ROW_FIELDS =
  'unitCode unitName unitLevel indicatorCode indicatorName measure period year value status target targetPeriod comparator ratio band rank rankOf derived';

/** Every comparison row of the filter, page by page. */
export async function fetchComparison(
  client: GraphQLClient,
  f: ComparisonFilter,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<ComparisonRow[]> {
  const pageSize = 5000;
  const out: ComparisonRow[] = [];
  let after: string | null = null;
  for (;;) {
    const d: {
      provinceComparison: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ComparisonRow[];
      };
    } = await client.request(
      `query($p: String!, $i: [String!], $from: Int, $to: Int, $b: Boundaries, $n: Int!, $a: String) {
        provinceComparison(provinceCode: $p, indicatorCodes: $i, fromYear: $from, toYear: $to, boundaries: $b, first: $n, after: $a) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ${ROW_FIELDS} } } }`,
      {
        p: f.provinceCode,
        i: f.indicatorCodes?.length ? f.indicatorCodes : null,
        from: f.fromYear ?? null,
        to: f.toYear ?? null,
        b: f.boundaries ?? 'AS_REPORTED',
        n: pageSize,
        a: after,
      },
      signal,
    );
    out.push(...d.provinceComparison.nodes);
    onProgress?.(out.length, d.provinceComparison.totalCount);
    if (!d.provinceComparison.pageInfo.hasNextPage || !d.provinceComparison.pageInfo.endCursor) return out;
    after = d.provinceComparison.pageInfo.endCursor;
  }
}

export interface ScoreItem {
  readonly indicatorName: string;
  readonly period: string;
  readonly ratio: number | null;
  readonly band: Band;
}

/** One term of one district or commune, with its band counts (Term.scorecard). */
export interface TermScore {
  readonly unitCode: string;
  readonly unitName: string;
  readonly unitLevel: ComparisonLevel;
  readonly termId: string;
  readonly title: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly met: number;
  readonly above80: number;
  readonly from50To80: number;
  readonly below50: number;
  readonly noData: number;
  readonly total: number;
  readonly metShare: number;
  readonly items: readonly ScoreItem[];
}

interface RawUnit {
  code: string;
  shortName: string;
  terms: {
    id: string;
    title: string;
    startYear: number;
    endYear: number;
    scorecard: Omit<
      TermScore,
      'unitCode' | 'unitName' | 'unitLevel' | 'termId' | 'title' | 'startYear' | 'endYear' | 'items'
    > & {
      items: { target: { indicator: { name: string }; period: string }; ratio: number | null; band: Band }[];
    };
  }[];
}

const TERM_FIELDS =
  'code shortName terms { id title startYear endYear scorecard { met above80 from50To80 below50 noData total metShare items { target { indicator { name } period } ratio band } } }';

/**
 * The scorecard of every term of the province's units of `levels`: every district it ever had
 * (districts ended on 2025-07-01, so not "today's"), and the communes in force on `on` (default
 * today). Only terms with at least one target: a term without targets has nothing to count.
 */
export async function fetchScorecards(
  client: GraphQLClient,
  provinceCode: string,
  levels: readonly ComparisonLevel[],
  signal?: AbortSignal,
  on: string = new Date().toISOString().slice(0, 10),
): Promise<TermScore[]> {
  // One request per level: each page of units with their terms and scorecards costs about 1.1
  // million of the 1.5 million a query may (docs/api.md#query-cost).
  const read = async (level: ComparisonLevel) =>
    levels.includes(level)
      ? (
          await client.request<{ units: RawUnit[] }>(
            level === 'DISTRICT'
              ? `query($p: String!) { units: adminUnits(provinceCode: $p, level: DISTRICT, first: 500) { ${TERM_FIELDS} } }`
              : `query($p: String!, $on: Date) { units: adminUnits(provinceCode: $p, level: COMMUNE, on: $on, first: 500) { ${TERM_FIELDS} } }`,
            level === 'DISTRICT' ? { p: provinceCode } : { p: provinceCode, on },
            signal,
          )
        ).units
      : [];
  const d = { districts: await read('DISTRICT'), communes: await read('COMMUNE') };
  const out: TermScore[] = [];
  const add = (units: RawUnit[] | undefined, unitLevel: ComparisonLevel) => {
    for (const u of units ?? [])
      for (const t of u.terms) {
        if (t.scorecard.total === 0) continue;
        const { items, ...counts } = t.scorecard;
        out.push({
          unitCode: u.code,
          unitName: u.shortName,
          unitLevel,
          termId: t.id,
          title: t.title,
          startYear: t.startYear,
          endYear: t.endYear,
          ...counts,
          items: items.map((i) => ({
            indicatorName: i.target.indicator.name,
            period: i.target.period,
            ratio: i.ratio,
            band: i.band,
          })),
        });
      }
  };
  add(d.districts, 'DISTRICT');
  add(d.communes, 'COMMUNE');
  return out;
}
