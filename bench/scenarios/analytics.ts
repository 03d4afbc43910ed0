import { assertSameAnswer, floor, gql, interleave } from '../client';
import type { Row } from '../stats';
import { ratioRow, type Ctx, type Scenario } from './types';

const THRICE = { op: '<=', limit: 3 } as const;

const RANKING = `query($p: String!, $i: String!, $period: String!) {
  ranking(provinceCode: $p, indicatorCode: $i, period: $period) { rank of unit { code } observation { value status } } }`;
const SCORECARDS = `query($p: String!, $on: Date!) { province(code: $p, on: $on) { districts(activeOn: $on) {
  code terms { scorecard { total met above80 from50To80 below50 noData metShare } } } } }`;

/**
 * A ranking of a province's districts and the scorecards of all their terms, each against a floor
 * that answers the same JSON (its SQL plus the same pure ranking and banding functions the API uses);
 * the answers' sizes are compared so the floor cannot send less than the API.
 */
export const analyticsScenario: Scenario = {
  name: 'ranking and scorecards',
  async run(c: Ctx): Promise<Row[]> {
    c.log('ranking');
    const rankingArgs = { provinceCode: c.provinceCode, indicatorCode: 'B01', period: '2024' };
    const ranking = await interleave(
      c.trials * 2,
      async () => {
        const a = await gql(c, RANKING, {
          p: rankingArgs.provinceCode,
          i: rankingArgs.indicatorCode,
          period: rankingArgs.period,
        });
        return { value: a.ms, bytes: a.bytes, rows: a.json.data.ranking.length };
      },
      async () => {
        const a = await floor(c, '/ranking', rankingArgs);
        return { value: a.ms, bytes: a.bytes, rows: a.json.data.ranking.length };
      },
    );
    const rd = assertSameAnswer('ranking', ranking);
    c.log('scorecards');
    const on = '2025-06-30';
    const terms = (json: any) =>
      json.data.province.districts.reduce((n: number, d: { terms: unknown[] }) => n + d.terms.length, 0);
    const scorecards = await interleave(
      c.trials * 2,
      async () => {
        const a = await gql(c, SCORECARDS, { p: c.provinceCode, on });
        return { value: a.ms, bytes: a.bytes, rows: terms(a.json) };
      },
      async () => {
        const a = await floor(c, '/scorecards', { provinceCode: c.provinceCode, on });
        return { value: a.ms, bytes: a.bytes, rows: terms(a.json) };
      },
    );
    const sd = assertSameAnswer('scorecards', scorecards, 0);
    return [
      ratioRow(
        'ranking',
        `${rd.rows} districts of ${c.provinceCode}, B01 in 2024 (${rd.apiBytes} B both sides)`,
        'ms',
        ranking,
        THRICE,
        rd,
      ),
      ratioRow(
        'scorecards',
        `${sd.rows} terms of province ${c.provinceCode}'s districts (${sd.apiBytes} B both sides)`,
        'ms',
        scorecards,
        THRICE,
        sd,
      ),
    ];
  },
};
