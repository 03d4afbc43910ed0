import { order, summarize, type Summary } from './stats';

/** The bench's side of the wire: every request the API or the floor answers goes over HTTP from here. */
export interface Answer {
  ms: number;
  bytes: number;
  status: number;
  json: any;
}

/** POSTs `body` as JSON and reads and parses the whole answer (as a client must): timed end to end. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const payload = JSON.stringify(body);
  const t0 = performance.now();
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  return { ms: performance.now() - t0, bytes: Buffer.byteLength(text), status: res.status, json };
}

export interface Endpoints {
  /** The chitieu server. */
  url: string;
  token: string;
  /** The floor app. */
  floorUrl: string;
}

/** A GraphQL request to a GraphQL endpoint (`who` names it in errors); anything but 200 without `errors` throws. */
export async function graphqlAt(
  url: string,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
  who = 'GraphQL',
): Promise<Answer> {
  const a = await post(url, { query, variables }, headers);
  if (a.status !== 200 || a.json?.errors?.length)
    throw new Error(`${who} ${a.status}: ${JSON.stringify(a.json?.errors ?? a.json).slice(0, 400)}`);
  return a;
}

/** A GraphQL request to the API; an `errors` answer throws. */
export const gql = (e: Endpoints, query: string, variables: Record<string, unknown> = {}): Promise<Answer> =>
  graphqlAt(`${e.url}/graphql`, query, variables, { authorization: `Bearer ${e.token}` });

/** A request to the floor app; anything but 200 throws. */
export async function floor(e: Endpoints, path: string, body: unknown): Promise<Answer> {
  const a = await post(`${e.floorUrl}${path}`, body);
  if (a.status !== 200) throw new Error(`floor ${path} ${a.status}`);
  return a;
}

export const TABLE = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observationTable(filter: $f, first: $first, after: $after) { rows pageInfo { hasNextPage endCursor } } }`;

export const OBJECTS = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observations(filter: $f, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id unit { code } indicator { code } period value status source note version } } }`;

/** What a whole pull (every page) cost: time, bytes and rows. */
export interface Pull {
  ms: number;
  bytes: number;
  rows: number;
  pages: number;
}

/** Every page of a filter through one path: `page(after)` returns the answer and its connection. */
export async function pullAll(page: (after: string | null) => Promise<{ a: Answer; conn: any }>): Promise<Pull> {
  let after: string | null = null;
  const out: Pull = { ms: 0, bytes: 0, rows: 0, pages: 0 };
  for (;;) {
    const { a, conn } = await page(after);
    out.ms += a.ms;
    out.bytes += a.bytes;
    out.rows += (conn.rows ?? conn.nodes).length;
    out.pages++;
    if (!conn.pageInfo.hasNextPage) return out;
    after = conn.pageInfo.endCursor;
  }
}

export const apiTablePage = (e: Endpoints, f: unknown, first: number) => async (after: string | null) => {
  const a = await gql(e, TABLE, { f, first, after });
  return { a, conn: a.json.data.observationTable };
};
export const floorTablePage = (e: Endpoints, f: unknown, first: number) => async (after: string | null) => {
  const a = await floor(e, '/table', { filter: f, first, after });
  return { a, conn: a.json.data.observationTable };
};
export const apiObjectsPage = (e: Endpoints, f: unknown, first: number) => async (after: string | null) => {
  const a = await gql(e, OBJECTS, { f, first, after });
  return { a, conn: a.json.data.observations };
};
export const floorObjectsPage = (e: Endpoints, f: unknown, first: number) => async (after: string | null) => {
  const a = await floor(e, '/objects', { filter: f, first, after });
  return { a, conn: a.json.data.observations };
};

/** One side's measurement in a trial: a sample (ms, MiB, req/s…) and what it answered, to compare the sides. */
export interface Sample {
  value: number;
  bytes?: number;
  rows?: number;
}

export interface Paired {
  api: Summary;
  floor: Summary;
  /** The last trial's samples, to compare what the two sides answered. */
  last: { api: Sample; floor: Sample };
  /** Every measured trial's value, in trial order (for the JSON). */
  samples: { api: number[]; floor: number[] };
}

/**
 * `trials` trials (after `warmup` unmeasured ones), each measuring the API and the floor back to back,
 * in alternating order (stats.order): the two sides see the same machine at the same moment.
 */
export async function interleave(
  trials: number,
  api: (i: number) => Promise<Sample>,
  floorSide: (i: number) => Promise<Sample>,
  { warmup = 1, higherIsBetter = false }: { warmup?: number; higherIsBetter?: boolean } = {},
): Promise<Paired> {
  const a: number[] = [];
  const f: number[] = [];
  let last = { api: { value: NaN } as Sample, floor: { value: NaN } as Sample };
  for (let i = -warmup; i < trials; i++) {
    const got: Partial<Record<'api' | 'floor', Sample>> = {};
    for (const side of order(i + warmup)) got[side] = await (side === 'api' ? api(i) : floorSide(i));
    if (i >= 0) {
      a.push(got.api!.value);
      f.push(got.floor!.value);
    }
    last = { api: got.api!, floor: got.floor! };
  }
  return {
    api: summarize(a, higherIsBetter),
    floor: summarize(f, higherIsBetter),
    last,
    samples: { api: a, floor: f },
  };
}

/** Throws unless both sides answered the same number of rows and about the same bytes (±2 %). */
export function assertSameAnswer(name: string, p: Paired, tolerance = 0.02): Record<string, number | undefined> {
  const { api, floor: fl } = p.last;
  if (api.rows !== undefined && api.rows !== fl.rows)
    throw new Error(`${name}: the API answered ${api.rows} rows, the floor ${fl.rows}`);
  if (api.bytes !== undefined && fl.bytes !== undefined && Math.abs(api.bytes - fl.bytes) > tolerance * api.bytes)
    throw new Error(`${name}: the API sent ${api.bytes} bytes, the floor ${fl.bytes} (they must send the same answer)`);
  return { rows: api.rows, apiBytes: api.bytes, floorBytes: fl.bytes };
}

export interface LoadResult {
  /** Requests answered (any status). */
  completed: number;
  /** From the first request to the last answer: no request is left running when it returns. */
  elapsedMs: number;
  perSecond: number;
  latenciesMs: number[];
  byStatus: Record<number, number>;
  /** Network errors (no answer). */
  errors: number;
}

/**
 * `workers` concurrent clients, each sending `request(worker)` back to back until `seconds` have
 * passed, then waiting for its last answer: the server is idle again when this returns (a load tool
 * that stops on the clock leaves requests running into the next measurement).
 */
export async function load(
  workers: number,
  seconds: number,
  request: (worker: number) => { url: string; body: string; headers?: Record<string, string> },
  /** Each worker starts a request at most every `paceMs` (a user who reads the answer); 0: back to back. */
  paceMs = 0,
): Promise<LoadResult> {
  const out: LoadResult = { completed: 0, elapsedMs: 0, perSecond: 0, latenciesMs: [], byStatus: {}, errors: 0 };
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (performance.now() < until) {
        const r = request(w);
        const s = performance.now();
        try {
          const res = await fetch(r.url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...r.headers },
            body: r.body,
          });
          await res.arrayBuffer();
          out.byStatus[res.status] = (out.byStatus[res.status] ?? 0) + 1;
          out.completed++;
          out.latenciesMs.push(performance.now() - s);
        } catch {
          out.errors++;
        }
        const rest = paceMs - (performance.now() - s);
        if (rest > 0 && performance.now() + rest < until) await new Promise((r) => setTimeout(r, rest));
      }
    }),
  );
  out.elapsedMs = performance.now() - t0;
  out.perSecond = out.completed / (out.elapsedMs / 1000);
  return out;
}
