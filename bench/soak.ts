import { gql, loadScenario, type Ctx, type LoadResult } from './scenarios';

export interface SoakResult {
  /** The 50 ordinary clients, measured while the abusive one runs. */
  others: LoadResult;
  abusive: { requests: number; refused: number; byStatus: Record<string, number> };
  /** The server process's resident memory before and after the abusive phase (the bench runs it in-process). */
  rssBeforeMiB: number;
  rssAfterMiB: number;
  rssPeakMiB: number;
}

/** The over-cap queries an abusive client would send: each must be refused before it runs. */
const OVER_CAP = [
  `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: adminUnits(search: "a", first: 1000) { code }`).join(' ')} }`,
  `{ ${Array.from({ length: 29 }, (_, i) => `t${i}: observationTable(filter: {}, first: 50000) { rows }`).join(' ')} }`,
];

const mib = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

/**
 * Soak: the ordinary load (loadScenario's district pulls and rankings, 50 clients) while ONE
 * client with a VIEWER token sends over-cap queries back to back. Pricing refuses them before any
 * SQL, so the others' latency and the server's memory should barely move.
 */
export async function soakScenario(c: Ctx, seconds: number, connections = 50): Promise<SoakResult> {
  const { createApiToken } = await gql(
    c,
    'mutation { createApiToken(input: { name: "bench abusive client", role: VIEWER }) { token } }',
  );
  const viewer: string = createApiToken.token;
  const byStatus: Record<string, number> = {};
  let requests = 0;
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  let running = true;
  const abuse = (async () => {
    while (running) {
      for (const query of OVER_CAP) {
        const res = await fetch(`${c.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer}` },
          body: JSON.stringify({ query }),
        });
        await res.text();
        requests++;
        byStatus[res.status] = (byStatus[res.status] ?? 0) + 1;
      }
    }
  })();
  try {
    const others = await loadScenario(c, seconds, connections);
    running = false;
    await abuse;
    const rssAfter = process.memoryUsage().rss;
    const refused = (byStatus[400] ?? 0) + (byStatus[429] ?? 0);
    return {
      others,
      abusive: { requests, refused, byStatus },
      rssBeforeMiB: mib(rssBefore),
      rssAfterMiB: mib(rssAfter),
      rssPeakMiB: mib(Math.max(rssPeak, rssAfter)),
    };
  } finally {
    running = false;
    clearInterval(sampler);
  }
}
