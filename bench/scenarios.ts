import autocannon from 'autocannon';
import { sqlDateTime } from '../server/src/db/sql';
import type { Floor } from './floor';
import { floorJson } from './floor';
import { measure, summarize, type Timing } from './stats';

export interface Ctx {
  url: string;
  token: string;
  floor: Floor;
  mysql: boolean;
  runs: number;
  provinceCode: string;
  districtCode: string;
}

export interface Figure {
  name: string;
  what: string;
  api: Timing;
  floor: Timing | null;
  detail?: Record<string, unknown>;
}

export async function gql<T = any>(c: Ctx, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${c.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`GraphQL: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

const PULL = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observations(filter: $f, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id unit { code } indicator { code } period value status source note version }
  } }`;

/** Every page of a filter, as the add-in pulls it. */
export async function pullAll(c: Ctx, filter: Record<string, unknown>, first = 10_000): Promise<any[]> {
  const rows: any[] = [];
  let after: string | null = null;
  for (;;) {
    const { observations }: any = await gql(c, PULL, { f: filter, first, after });
    rows.push(...observations.nodes);
    if (!observations.pageInfo.hasNextPage) return rows;
    after = observations.pageInfo.endCursor;
  }
}

const TABLE = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observationTable(filter: $f, first: $first, after: $after) { rows pageInfo { hasNextPage endCursor } } }`;

/** Every page in the compact encoding (what the add-in uses for bulk pulls). */
export async function pullTable(c: Ctx, filter: Record<string, unknown>, first = 25_000): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  let after: string | null = null;
  for (;;) {
    const { observationTable: t }: any = await gql(c, TABLE, { f: filter, first, after });
    rows.push(...t.rows);
    if (!t.pageInfo.hasNextPage) return rows;
    after = t.pageInfo.endCursor;
  }
}

export async function pullScenario(c: Ctx): Promise<Figure[]> {
  let rows = 0;
  const table = await measure(c.runs, async () => {
    rows = (await pullTable(c, { provinceCode: c.provinceCode })).length;
  });
  const api = await measure(c.runs, async () => {
    rows = (await pullAll(c, { provinceCode: c.provinceCode })).length;
  });
  // The same rows and columns observationTable returns (plus the id its cursor is made of).
  const sql = `SELECT o.id, u.code AS unit_code, i.code AS indicator_code, o.period, o.value, o.status, o.source, o.note, o.version,
      o.updated_at, o.updated_by
    FROM observation o JOIN admin_unit u ON u.id = o.unit_id JOIN indicator i ON i.id = o.indicator_id
    WHERE u.parent_id = (SELECT id FROM admin_unit WHERE code = ?) ORDER BY o.id`;
  const floor = await measure(c.runs, () => floorJson(c.floor, sql, [c.provinceCode]));
  return [
    {
      name: 'pull',
      what: `province ${c.provinceCode} long table, observationTable, pages of 25,000 (${rows} rows)`,
      api: table,
      floor,
      detail: { rows },
    },
    {
      name: 'pull (objects)',
      what: `same rows through the observations connection (a field per value)`,
      api,
      floor,
      detail: { rows },
    },
  ];
}

const PUSH = `mutation($input: PushObservationsInput!) { pushObservations(input: $input) {
  applied dryRun created updated unchanged rejected batchId rows { index outcome code } userErrors { code message } } }`;

export async function pushScenario(c: Ctx, size = 5000): Promise<Figure[]> {
  const dry: number[] = [];
  const real: number[] = [];
  const floorTimes: number[] = [];
  let last: any = null;
  for (let i = -1; i < c.runs; i++) {
    const current = (await pullAll(c, { provinceCode: c.provinceCode, fromYear: 2022 })).slice(0, size);
    const rows = current.map((o) => ({
      unitCode: o.unit.code,
      indicatorCode: o.indicator.code,
      period: o.period,
      value: Math.round((o.value + 1.5) * 100) / 100,
      status: o.status,
      source: o.source,
      note: o.note,
      baseVersion: o.version,
    }));
    const t0 = performance.now();
    const d = await gql(c, PUSH, { input: { rows, dryRun: true } });
    const t1 = performance.now();
    last = await gql(c, PUSH, { input: { rows } });
    const t2 = performance.now();
    if (!last.pushObservations.applied || last.pushObservations.updated !== rows.length || d.pushObservations.applied) {
      throw new Error(`push did not apply cleanly: ${JSON.stringify({ ...last.pushObservations, rows: undefined })}`);
    }
    if (i >= 0) {
      dry.push(t1 - t0);
      real.push(t2 - t1);
    }
    // Floor: the same 5,000 value updates plus their revision rows, hand-written, one transaction.
    const f0 = performance.now();
    await floorPush(
      c,
      current.map((o) => ({ id: localId(o.id), value: Math.round((o.value + 3) * 100) / 100 })),
    );
    if (i >= 0) floorTimes.push(performance.now() - f0);
  }
  const floor = summarize(floorTimes);
  return [
    {
      name: 'push (dry run)',
      what: `${size} changed values, atomic, with baseVersion`,
      api: summarize(dry),
      floor,
      detail: {},
    },
    {
      name: 'push',
      what: `${size} changed values, atomic, versions + audit`,
      api: summarize(real),
      floor,
      detail: { batchId: last.pushObservations.batchId },
    },
  ];
}

/**
 * Floor of a push: in one transaction, read the current rows (locked on MySQL), write the new values
 * with version + 1 in multi-row upserts, and insert one revision per row — hand-written SQL.
 */
async function floorPush(c: Ctx, rows: { id: number; value: number }[]): Promise<void> {
  const CHUNK = 1000;
  await c.floor.transaction(async (q) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      const current: any[] = await q(
        `SELECT id, unit_id, indicator_id, period, start_month, end_month, value, status, version FROM observation
        WHERE id IN (${part.map(() => '?').join(',')})${c.mysql ? ' FOR UPDATE' : ''}`,
        part.map((r) => r.id),
      );
      const next = new Map(part.map((r) => [r.id, r.value]));
      const now = sqlDateTime(new Date());
      const tuples = current.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ');
      const params = current.flatMap((o) => [
        o.id,
        o.unit_id,
        o.indicator_id,
        o.period,
        o.start_month,
        o.end_month,
        next.get(o.id),
        o.status,
        o.version + 1,
        now,
      ]);
      const cols = '(id, unit_id, indicator_id, period, start_month, end_month, value, status, version, updated_at)';
      await q(
        c.mysql
          ? `INSERT INTO observation ${cols} VALUES ${tuples} ON DUPLICATE KEY UPDATE value = VALUES(value), version = VALUES(version), updated_at = VALUES(updated_at)`
          : `INSERT INTO observation ${cols} VALUES ${tuples} ON CONFLICT(id) DO UPDATE SET value = excluded.value, version = excluded.version, updated_at = excluded.updated_at`,
        params,
      );
      await q(
        `INSERT INTO observation_revision (unit_id, indicator_id, period, version, action, value, previous_value, status, changed_at, changed_by)
        VALUES ${current.map(() => "(?, ?, ?, ?, 'UPDATE', ?, ?, ?, ?, 'floor')").join(', ')}`,
        current.flatMap((o) => [
          o.unit_id,
          o.indicator_id,
          o.period,
          o.version + 1,
          next.get(o.id),
          o.value,
          o.status,
          now,
        ]),
      );
    }
  });
}

const localId = (globalId: string) => Number(Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1]);

export async function rankingScenario(c: Ctx): Promise<Figure[]> {
  const q = `query($p: String!, $i: String!, $period: String!) { ranking(provinceCode: $p, indicatorCode: $i, period: $period) { rank of unit { code } observation { value status } } }`;
  let ranked = 0;
  const api = await measure(c.runs * 4, async () => {
    ranked = (await gql(c, q, { p: c.provinceCode, i: 'B01', period: '2024' })).ranking.length;
  });
  const floor = await measure(c.runs * 4, () =>
    floorJson(
      c.floor,
      `SELECT u.code, o.value, o.status FROM observation o JOIN admin_unit u ON u.id = o.unit_id
     WHERE u.parent_id = (SELECT id FROM admin_unit WHERE code = ?) AND o.indicator_id = (SELECT id FROM indicator WHERE code = ?)
       AND o.period = ? AND o.status <> 'FORECAST' ORDER BY o.value DESC`,
      [c.provinceCode, 'B01', '2024'],
    ),
  );

  const sq = `query($p: String!) { province(code: $p, on: "2025-06-30") { districts(activeOn: "2025-06-30") { code terms { scorecard { total met above80 from50To80 below50 noData metShare } } } } }`;
  let terms = 0;
  const sapi = await measure(c.runs * 2, async () => {
    terms = (await gql(c, sq, { p: c.provinceCode })).province.districts.reduce(
      (n: number, d: any) => n + d.terms.length,
      0,
    );
  });
  // Both planners otherwise pick a poor join order (every target of an indicator per observation):
  // seconds instead of milliseconds. SQLite's CROSS JOIN fixes the order; MariaDB gets the key index.
  const join = c.mysql ? 'JOIN' : 'CROSS JOIN';
  const sfloor = await measure(c.runs * 2, () =>
    floorJson(
      c.floor,
      `SELECT t.id AS term_id, tg.indicator_id, tg.value AS target, tg.comparator, o.period, o.value, o.end_month, o.start_month
     FROM admin_unit d ${join} term t ON t.unit_id = d.id ${join} target tg ON tg.term_id = t.id
     ${join} observation o ${c.mysql ? 'FORCE INDEX (UQ_observation_key)' : ''} ON o.unit_id = d.id AND o.indicator_id = tg.indicator_id
       AND o.start_month >= t.start_year * 12 AND o.end_month <= t.end_year * 12 + 11 AND o.status <> 'FORECAST'
     WHERE d.parent_id = (SELECT id FROM admin_unit WHERE code = ?)`,
      [c.provinceCode],
    ),
  );
  return [
    {
      name: 'ranking',
      what: `${ranked} districts of ${c.provinceCode}, one indicator and year`,
      api,
      floor,
      detail: { ranked },
    },
    {
      name: 'scorecards',
      what: `all ${terms} terms of province ${c.provinceCode} (27 targets each)`,
      api: sapi,
      floor: sfloor,
      detail: { terms },
    },
  ];
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  throughputPerSec: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

/** 50 concurrent clients, each alternating a district pull (its whole table, one page) and a ranking. */
export async function loadScenario(c: Ctx, seconds: number, connections = 50): Promise<LoadResult> {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${c.token}` };
  const pull = JSON.stringify({ query: TABLE, variables: { f: { unitCodes: [c.districtCode] }, first: 2000 } });
  const rank = JSON.stringify({
    query: `{ ranking(provinceCode: "${c.provinceCode}", indicatorCode: "B02", period: "2023") { rank unit { code } observation { value } } }`,
  });
  const r = await autocannon({
    url: c.url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      { method: 'POST', path: '/graphql', headers, body: pull },
      { method: 'POST', path: '/graphql', headers, body: rank },
    ],
  });
  return {
    connections,
    seconds,
    requests: r.requests.total,
    throughputPerSec: Math.round(r.requests.average * 10) / 10,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  };
}

/**
 * History on today's boundaries for a merged province: every indicator of old 35, 36 and 37 for
 * 2020–2025 (province figures written straight to the database, as the dataset is) combined into the
 * merged Ninh Bình by observationTable with boundaries CURRENT, against one SQL statement that sums
 * the same figures per indicator and period through unit_lineage.
 */
export async function boundariesScenario(c: Ctx): Promise<Figure[]> {
  const olds: { id: number }[] = (await c.floor.query(
    `SELECT id FROM admin_unit WHERE level = 'PROVINCE' AND code IN ('35', '36', '37') AND valid_to = '2025-06-30'`,
    [],
  )) as { id: number }[];
  const indicators = (await c.floor.query(`SELECT id FROM indicator WHERE code LIKE 'B%'`, [])) as { id: number }[];
  const stamp = sqlDateTime(new Date());
  const rows: unknown[][] = [];
  for (const [k, u] of olds.entries())
    for (const i of indicators)
      for (let y = 2020; y <= 2025; y++)
        rows.push([
          u.id,
          i.id,
          String(y),
          y * 12,
          y * 12 + 11,
          1000 + k * 100 + (i.id % 97) + y / 10,
          'OFFICIAL',
          1,
          stamp,
        ]);
  await c.floor.transaction(async (q) => {
    for (let i = 0; i < rows.length; i += 500) {
      const part = rows.slice(i, i + 500);
      await q(
        `INSERT INTO observation (unit_id, indicator_id, period, start_month, end_month, value, status, version, updated_at)
         VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flat(),
      );
    }
  });
  let derived = 0;
  const filter = { unitCodes: ['37'], fromYear: 2020, toYear: 2025 };
  const api = await measure(c.runs * 2, async () => {
    const { observationTable: t }: any = await gql(
      c,
      `query($f: ObservationFilter!) { observationTable(filter: $f, first: 50000, boundaries: CURRENT) { rows } }`,
      { f: filter },
    );
    derived = t.rows.length;
  });
  const floor = await measure(c.runs * 2, () =>
    floorJson(
      c.floor,
      `SELECT i.code AS indicator_code, o.period, SUM(o.value) AS value, COUNT(*) AS contributors
       FROM observation o JOIN indicator i ON i.id = o.indicator_id
       WHERE o.unit_id IN (SELECT l.predecessor_id FROM unit_lineage l JOIN admin_unit n ON n.id = l.successor_id
                           WHERE n.code = ? AND n.level = 'PROVINCE' AND n.valid_to IS NULL)
         AND o.start_month >= ? AND o.end_month <= ? AND i.aggregation = 'SUM'
       GROUP BY i.code, o.period`,
      ['37', 2020 * 12, 2025 * 12 + 11],
    ),
  );
  return [
    {
      name: 'history on current boundaries',
      what: `merged Ninh Bình 2020–2025, every indicator, from old 35 + 36 + 37 (${derived} derived rows)`,
      api,
      floor,
      detail: { derived, stored: rows.length },
    },
  ];
}

/**
 * Refusing a query over the cost cap: the 51 KB query of 1,000 aliased unit searches that once
 * stalled the server for 16 s is answered 400 while it is parsed (over the token limit). Its floor is
 * the cheapest request the API answers (`{ __typename }`: HTTP, JSON, Apollo, nothing resolved), so
 * the ratio is what parsing, validating and pricing 51 KB adds.
 */
export async function costScenario(c: Ctx): Promise<Figure[]> {
  const query = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: adminUnits(search: "a", first: 1000) { code }`).join(' ')} }`;
  const post = async (q: string) => {
    const res = await fetch(`${c.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
      body: JSON.stringify({ query: q }),
    });
    await res.text();
    return res.status;
  };
  let status = 0;
  const api = await measure(c.runs * 4, async () => {
    status = await post(query);
  });
  if (status !== 400) throw new Error(`the over-cap query was answered ${status}, not refused`);
  const floor = await measure(c.runs * 4, async () => {
    await post('{ __typename }');
  });
  return [
    {
      name: 'refuse an over-cap query',
      what: `${Math.round(query.length / 1024)} KB, 1,000 aliased unit searches: 400 (over the token limit)`,
      api,
      floor,
    },
  ];
}
