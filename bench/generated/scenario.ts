import {
  apiObjectsPage,
  apiTablePage,
  gql,
  graphqlAt,
  interleave,
  OBJECTS,
  pullAll,
  type Answer,
  type Sample,
} from '../client';
import { CONNECTIONS, rate } from '../scenarios/throughput';
import { ratioRow, type Ctx, type Scenario } from '../scenarios/types';
import { unmeasuredRow, type Goal, type Row } from '../stats';

/**
 * What an integrator writes against PostGraphile's default schema for the bench's questions: the
 * fields the chitieu rows select (bench/client.ts's OBJECTS), under PostGraphile's generated names
 * (nodeId is its global id, as chitieu's id is; value a numeric(20,6), so a BigFloat string).
 */
const FIELDS = `fragment o on Observation {
  nodeId adminUnitByUnitId { code } indicatorByIndicatorId { code } period value status source note version }`;

/** A province's observations: its units' (districts, and communes directly under it) and their units'. */
export const PG_PROVINCE = `query($code: String!) {
  allAdminUnits(condition: { code: $code, level: "PROVINCE" }) { nodes {
    adminUnitsByParentId { nodes {
      observationsByUnitId { nodes { ...o } }
      adminUnitsByParentId { nodes { observationsByUnitId { nodes { ...o } } } } } } } } }
${FIELDS}`;

/** A unit's observations by its code (chitieu's `unitCodes` filter). */
export const PG_UNIT = `query($code: String!) {
  allAdminUnits(condition: { code: $code }) { nodes { observationsByUnitId { nodes { ...o } } } } }
${FIELDS}`;

/** The first `first` observations of the country (chitieu's `filter: {}`). */
export const PG_FIRST = `query($first: Int!) { allObservations(first: $first) { nodes { ...o } } }
${FIELDS}`;

const NAMES = {
  provinceObjects: 'vs PostGraphile: province pull, observations (objects)',
  provinceTable: 'vs PostGraphile: province pull, observationTable',
  districtObjects: 'vs PostGraphile: district pull, observations (objects)',
  throughput: `vs PostGraphile: throughput, ${CONNECTIONS} clients, objects`,
  memory: 'vs PostGraphile: 50,000-row pull, server memory',
};
const AHEAD: Goal = { op: '<=', limit: 1 };
const AHEAD_RATE: Goal = { op: '>=', limit: 1 };

/** The observations in a PostGraphile answer, wherever they are nested. */
function observations(v: unknown, out: any[] = []): any[] {
  if (Array.isArray(v)) for (const x of v) observations(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v))
      if (k === 'observationsByUnitId' || k === 'allObservations') out.push(...(x as { nodes: any[] }).nodes);
      else observations(x, out);
  return out;
}

const pgql = (url: string, query: string, variables: Record<string, unknown>): Promise<Answer> =>
  graphqlAt(url, query, variables, {}, 'PostGraphile');

const pgPull = (url: string, query: string, variables: Record<string, unknown>) => async (): Promise<Sample> => {
  const a = await pgql(url, query, variables);
  return { value: a.ms, bytes: a.bytes, rows: observations(a.json.data).length };
};

const key = (o: any, unit: string, indicator: string) =>
  [unit, indicator, o.period, Number(o.value), o.status, o.source, o.note, o.version].join('|');

/** Throws unless both sides answered the same observations for the district (in id order), before any trial. */
async function assertSameData(c: Ctx, url: string) {
  const ours = (await gql(c, OBJECTS, { f: { unitCodes: [c.districtCode] }, first: 10_000 })).json.data.observations
    .nodes;
  const theirs = observations((await pgql(url, PG_UNIT, { code: c.districtCode })).json.data);
  const a = ours.map((o: any) => key(o, o.unit.code, o.indicator.code));
  const b = theirs.map((o) => key(o, o.adminUnitByUnitId.code, o.indicatorByIndicatorId.code));
  if (!a.length || a.join('\n') !== b.join('\n'))
    throw new Error(`district ${c.districtCode}: chitieu and PostGraphile answer different observations`);
}

function sameRows(name: string, p: { last: { api: Sample; floor: Sample } }) {
  const { api, floor } = p.last;
  if (api.rows !== floor.rows)
    throw new Error(`${name}: chitieu answered ${api.rows} rows, PostGraphile ${floor.rows}`);
  return { rows: api.rows, apiBytes: api.bytes, postgraphileBytes: floor.bytes };
}

/**
 * chitieu against the GraphQL API an integrator could generate from the same tables instead:
 * PostGraphile 4 over PostgreSQL with the same rows (bench/generated/), in the same trials, in the
 * floor's column. Goal: chitieu ahead (≤ 1× its time and memory, ≥ 1× its throughput).
 */
export const postgraphileScenario: Scenario = {
  name: 'postgraphile',
  async run(c: Ctx): Promise<Row[]> {
    const g = c.generated;
    if ('failed' in g) throw new Error(g.failed);
    if ('notMeasured' in g) return Object.values(NAMES).map((name) => notMeasured(name, g.notMeasured));
    const url = g.api.url;
    const FLOOR_IS = `“floor” = ${g.api.description}`;
    await assertSameData(c, url);
    const rows: Row[] = [];
    const province = { provinceCode: c.provinceCode };
    const provinceWhat = (path: string, first: number, n: number | undefined) =>
      `province ${c.provinceCode}: ${n} rows, chitieu's ${path} (pages of ${first.toLocaleString('en-US')}) against one PostGraphile query (allAdminUnits → adminUnitsByParentId → observationsByUnitId); ${FLOOR_IS}`;

    for (const [name, path, first, page] of [
      [NAMES.provinceObjects, 'observations', 10_000, apiObjectsPage],
      [NAMES.provinceTable, 'observationTable', 25_000, apiTablePage],
    ] as const) {
      c.log(`province pull, ${path}, against PostGraphile`);
      const p = await interleave(
        c.trials,
        async () => asSample(await pullAll(page(c, province, first))),
        pgPull(url, PG_PROVINCE, { code: c.provinceCode }),
      );
      const pd = sameRows(name, p);
      rows.push(ratioRow(name, provinceWhat(path, first, pd.rows), 'ms', p, AHEAD, pd));
    }

    c.log('district pull, objects, against PostGraphile');
    const district = { unitCodes: [c.districtCode] };
    const d = await interleave(
      c.trials,
      async () => asSample(await pullAll(apiObjectsPage(c, district, 10_000))),
      pgPull(url, PG_UNIT, { code: c.districtCode }),
    );
    const dd = sameRows(NAMES.districtObjects, d);
    rows.push(
      ratioRow(
        NAMES.districtObjects,
        `district ${c.districtCode}: ${dd.rows} rows, chitieu's observations against allAdminUnits(condition: {code}) → observationsByUnitId; ${FLOOR_IS}`,
        'ms',
        d,
        AHEAD,
        dd,
      ),
    );

    c.log(`throughput against PostGraphile, ${CONNECTIONS} clients × ${c.loadSeconds} s per side per trial`);
    const ours = JSON.stringify({ query: OBJECTS, variables: { f: district, first: 10_000 } });
    const theirs = JSON.stringify({ query: PG_UNIT, variables: { code: c.districtCode } });
    const t = await interleave(
      c.trials,
      async () => ({
        value: await rate(`${c.url}/graphql`, ours, { authorization: `Bearer ${c.token}` }, c.loadSeconds),
      }),
      async () => ({ value: await rate(url, theirs, {}, c.loadSeconds) }),
      { higherIsBetter: true },
    );
    rows.push(
      ratioRow(
        NAMES.throughput,
        `district ${c.districtCode}'s observations as objects, ${CONNECTIONS} clients × ${c.loadSeconds} s per side per trial; value = chitieu's req/s ÷ PostGraphile's; ${FLOOR_IS}`,
        'req/s',
        t,
        AHEAD_RATE,
      ),
    );

    // Each process's peak RSS above its own post-GC level while it answers the same 50,000 rows.
    c.log('50,000-row pull memory against PostGraphile');
    const side =
      (memory: Ctx['memory'], ask: () => Promise<Answer>, nodes: (a: Answer) => any[]) => async (): Promise<Sample> => {
        const before = await memory(true);
        const a = await ask();
        const after = await memory(false);
        return { value: after.peakMiB - before.rssMiB, rows: nodes(a).length };
      };
    const m = await interleave(
      c.trials,
      side(
        c.memory,
        () => gql(c, OBJECTS, { f: {}, first: 50_000 }),
        (a) => a.json.data.observations.nodes,
      ),
      side(
        g.api.memory,
        () => pgql(url, PG_FIRST, { first: 50_000 }),
        (a) => a.json.data.allObservations.nodes,
      ),
    );
    const md = sameRows(NAMES.memory, m);
    rows.push(
      ratioRow(
        NAMES.memory,
        `peak RSS growth of each server process for one page of ${md.rows} rows: chitieu's observations(first: 50000) against allObservations(first: 50000); PostgreSQL's own memory is not counted (nor MariaDB's; SQLite runs in chitieu's process and is); ${FLOOR_IS}`,
        'MiB',
        m,
        AHEAD,
        md,
      ),
    );
    return rows;
  },
};

const asSample = (p: { ms: number; bytes: number; rows: number }): Sample => ({
  value: p.ms,
  bytes: p.bytes,
  rows: p.rows,
});

const notMeasured = (name: string, why: string): Row => unmeasuredRow(name, { notMeasured: why });
