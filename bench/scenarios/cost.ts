import { post } from '../client';
import { median, percentile, type Row } from '../stats';
import { OVER_CAP } from './soak';
import { absoluteRow, type Ctx, type Scenario } from './types';

const NAMES = ['1,000 aliased unit searches (51 KB)', '29 × observationTable(first: 50000)'];

/**
 * Refusing the abusive queries of issue 13 — the 51 KB query of 1,000 aliased unit searches (400
 * while it is parsed) and 29 whole-table pulls in one document (400 when priced) — each `--trials`
 * times: the median answer time (goal < 50 ms) and the server's RSS growth over all the refusals
 * (post-GC; goal < 20 MiB). The API's cheapest request (`{ __typename }`) is measured beside them
 * for scale.
 */
export const costScenario: Scenario = {
  name: 'refuse an over-cap query',
  async run(c: Ctx): Promise<Row[]> {
    c.log('refusing over-cap queries');
    const auth = { authorization: `Bearer ${c.token}` };
    const cheapest: number[] = [];
    const times: number[][] = OVER_CAP.map(() => []);
    const before = await c.memory(true);
    for (let i = 0; i < Math.max(c.trials, 15) * 4; i++) {
      for (const [q, query] of OVER_CAP.entries()) {
        const a = await post(`${c.url}/graphql`, { query }, auth);
        if (a.status !== 400) throw new Error(`over-cap query ${q + 1} was answered ${a.status}, not refused`);
        times[q]!.push(a.ms);
      }
      cheapest.push((await post(`${c.url}/graphql`, { query: '{ __typename }' }, auth)).ms);
    }
    const after = await c.memory(true);
    const rows = OVER_CAP.map((_, q) =>
      absoluteRow(
        `refuse: ${NAMES[q]}`,
        `${times[q]!.length} refusals (400): median ${median(times[q]!).toFixed(1)} ms, p95 ${percentile(times[q]!, 0.95).toFixed(1)} ms; { __typename } median ${median(cheapest).toFixed(1)} ms`,
        'ms',
        median(times[q]!),
        { op: '<=', limit: 50 },
      ),
    );
    rows.push(
      absoluteRow(
        'refuse: server RSS growth',
        `over ${times.flat().length} refusals, server process RSS after GC ${before.rssMiB.toFixed(1)} → ${after.rssMiB.toFixed(1)} MiB (peak ${after.peakMiB.toFixed(1)})`,
        'MiB',
        after.rssMiB - before.rssMiB,
        { op: '<=', limit: 20 },
      ),
    );
    return rows;
  },
};
