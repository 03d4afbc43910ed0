import { gql, load, post, TABLE, type LoadResult } from '../client';
import { percentile, type Row } from '../stats';
import { absoluteRow, type Ctx, type Scenario } from './types';

/** The over-cap queries the abusive client sends: each must be refused before it runs. */
export const OVER_CAP = [
  `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: adminUnits(search: "a", first: 1000) { code }`).join(' ')} }`,
  `{ ${Array.from({ length: 29 }, (_, i) => `t${i}: observationTable(filter: {}, first: 50000) { rows }`).join(' ')} }`,
];

const CONNECTIONS = 50;
/** Each ordinary client asks again 2 s after its previous request started (or when it is answered, if later). */
const PACE_MS = 2000;

/**
 * The soak (issue 13): 50 ordinary clients, each a user asking every 2 s (a district's table or a
 * ranking, alternately: 25 requests a second offered), first alone for half of `--soak-seconds` (the
 * baseline), then for `--soak-seconds` while one more client with a VIEWER token sends the over-cap
 * queries back to back; all of them in the bench's process, not the server's. Rows: the others' p99
 * beside the abusive client (goal < 1 s; the baseline's p99 in the same row's text) and their
 * failures, the abusive requests not refused, and the server process's RSS growth over the abusive
 * phase (post-GC, before → after; goal < 20 MiB). Back-to-back clients (no pause) would measure the
 * server's saturation instead: 50 requests always queued make every latency about 50 / throughput,
 * abusive client or not.
 */
export const soakScenario: Scenario = {
  name: 'soak',
  async run(c: Ctx): Promise<Row[]> {
    c.log(`soak, ${CONNECTIONS} clients (one request every ${PACE_MS / 1000} s each) + 1 abusive × ${c.soakSeconds} s`);
    const viewer: string = (
      await gql(c, 'mutation { createApiToken(input: { name: "bench abusive client", role: VIEWER }) { token } }')
    ).json.data.createApiToken.token;
    const pull = JSON.stringify({ query: TABLE, variables: { f: { unitCodes: [c.districtCode] }, first: 2000 } });
    const rank = JSON.stringify({
      query: `{ ranking(provinceCode: "${c.provinceCode}", indicatorCode: "B02", period: "2023") { rank unit { code } observation { value } } }`,
    });
    let turn = 0;
    const ordinary = (seconds: number) =>
      load(
        CONNECTIONS,
        seconds,
        () => ({
          url: `${c.url}/graphql`,
          body: turn++ % 2 ? rank : pull,
          headers: { authorization: `Bearer ${c.token}` },
        }),
        PACE_MS,
      );
    const baseline = await ordinary(Math.max(5, c.soakSeconds / 2));
    const baselineP99 = Math.round(percentile(baseline.latenciesMs, 0.99));
    const before = await c.memory(true);
    const byStatus: Record<string, number> = {};
    let requests = 0;
    let running = true;
    const abuse = (async () => {
      while (running)
        for (const query of OVER_CAP) {
          const a = await post(`${c.url}/graphql`, { query }, { authorization: `Bearer ${viewer}` });
          requests++;
          byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
        }
    })();
    let r: LoadResult;
    try {
      r = await ordinary(c.soakSeconds);
    } finally {
      running = false;
      await abuse;
    }
    const after = await c.memory(true);
    const refused = (byStatus[400] ?? 0) + (byStatus[429] ?? 0);
    const others = {
      requests: r.completed,
      perSecond: Math.round(r.perSecond * 10) / 10,
      p50Ms: Math.round(percentile(r.latenciesMs, 0.5)),
      p99Ms: Math.round(percentile(r.latenciesMs, 0.99)),
      errors: r.errors,
      non2xx: r.completed - (r.byStatus[200] ?? 0),
      baselineP50Ms: Math.round(percentile(baseline.latenciesMs, 0.5)),
      baselineP99Ms: baselineP99,
    };
    const growth = after.rssMiB - before.rssMiB;
    const memory = { beforeMiB: before.rssMiB, afterMiB: after.rssMiB, peakMiB: after.peakMiB };
    return [
      absoluteRow(
        'soak: others’ p99',
        `${CONNECTIONS} clients × ${c.soakSeconds} s (one request / ${PACE_MS / 1000} s each) beside one abusive VIEWER: ${others.perSecond} req/s, p50 ${others.p50Ms} ms, p99 ${others.p99Ms} ms; alone before it: p50 ${others.baselineP50Ms} ms, p99 ${others.baselineP99Ms} ms`,
        'ms',
        others.p99Ms,
        { op: '<=', limit: 1000 },
        others,
      ),
      absoluteRow(
        'soak: others’ failures',
        `network errors ${others.errors}, non-200 ${others.non2xx} of ${others.requests}`,
        'requests',
        others.errors + others.non2xx,
        { op: '<=', limit: 0 },
      ),
      absoluteRow(
        'soak: abusive not refused',
        `${refused}/${requests} over-cap queries refused (${JSON.stringify(byStatus)})`,
        'requests',
        requests - refused,
        { op: '<=', limit: 0 },
        { requests, refused, byStatus },
      ),
      absoluteRow(
        'soak: server RSS growth',
        `server process RSS after GC ${before.rssMiB.toFixed(1)} → ${after.rssMiB.toFixed(1)} MiB (peak ${after.peakMiB.toFixed(1)})`,
        'MiB',
        growth,
        { op: '<=', limit: 20 },
        memory,
      ),
    ];
  },
};
