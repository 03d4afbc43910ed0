import { interleave, load, OBJECTS } from '../client';
import type { Row } from '../stats';
import { ratioRow, type Ctx, type Scenario } from './types';

export const CONNECTIONS = 20;

/** Answers per second of `CONNECTIONS` clients for `seconds`; anything but 200 throws. */
export async function rate(url: string, body: string, headers: Record<string, string>, seconds: number) {
  const r = await load(CONNECTIONS, seconds, () => ({ url, body, headers }));
  const bad = r.completed - (r.byStatus[200] ?? 0);
  if (r.errors || bad) throw new Error(`${url}: ${r.errors} errors, ${bad} non-200 answers under load`);
  return r.perSecond;
}

/**
 * 20 concurrent clients, each pulling a district's whole table as objects (the observations
 * connection, one page) back to back, against 20 clients pulling the same JSON from the floor; each
 * trial runs both sides for `--load-seconds` each (then waits for the last answers), alternating which
 * goes first.
 */
export const throughputScenario: Scenario = {
  name: 'throughput',
  async run(c: Ctx): Promise<Row[]> {
    c.log(`throughput, ${CONNECTIONS} clients × ${c.loadSeconds} s per side per trial`);
    const filter = { unitCodes: [c.districtCode] };
    const api = JSON.stringify({ query: OBJECTS, variables: { f: filter, first: 10_000 } });
    const fl = JSON.stringify({ filter, first: 10_000 });
    const p = await interleave(
      c.trials,
      async () => ({
        value: await rate(`${c.url}/graphql`, api, { authorization: `Bearer ${c.token}` }, c.loadSeconds),
      }),
      async () => ({ value: await rate(`${c.floorUrl}/objects`, fl, {}, c.loadSeconds) }),
      { higherIsBetter: true },
    );
    return [
      ratioRow(
        `throughput, ${CONNECTIONS} clients, objects`,
        `district ${c.districtCode}'s table through observations, ${CONNECTIONS} clients × ${c.loadSeconds} s per side per trial`,
        'req/s',
        p,
        { op: '>=', limit: 0.5 },
      ),
    ];
  },
};
