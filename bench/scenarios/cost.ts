import { interleave, post } from '../client';
import type { Row } from '../stats';
import { OVER_CAP } from './soak';
import { ratioRow, type Ctx, type Scenario } from './types';

/**
 * Refusing the 51 KB query of 1,000 aliased unit searches (400 while it is parsed), against the API's
 * cheapest request (`{ __typename }`): what parsing and refusing it adds. Informational (no goal).
 */
export const costScenario: Scenario = {
  name: 'refuse an over-cap query',
  async run(c: Ctx): Promise<Row[]> {
    c.log('refusing an over-cap query');
    const auth = { authorization: `Bearer ${c.token}` };
    const p = await interleave(
      c.trials,
      async () => {
        const a = await post(`${c.url}/graphql`, { query: OVER_CAP[0] }, auth);
        if (a.status !== 400) throw new Error(`the over-cap query was answered ${a.status}, not refused`);
        return { value: a.ms };
      },
      async () => ({ value: (await post(`${c.url}/graphql`, { query: '{ __typename }' }, auth)).ms }),
    );
    return [
      ratioRow(
        'refuse an over-cap query',
        `${Math.round(OVER_CAP[0].length / 1024)} KB, 1,000 aliased unit searches → 400; “floor” = the API's { __typename }`,
        'ms',
        p,
        null,
      ),
    ];
  },
};
