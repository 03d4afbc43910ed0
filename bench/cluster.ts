import mysql from 'mysql2/promise';
import os from 'node:os';
import { loadConfig, type DatabaseConfig } from '../server/src/app/config';
import { startServer } from '../server/src/server';
import { startGaleraCluster } from '../test/cluster/galera';
import { startPrivateMariadb } from '../test/fault/private-mariadb';
import { generateDataset, NATIONAL } from './dataset';
import { apiTablePage, gql, pullAll, type Endpoints } from './client';
import { summarize, type Summary } from './stats';

const TOKEN = 'bench-admin-token-0123456789';

interface Figure {
  name: 'pull' | 'push';
  what: string;
  api: Summary;
}

const CURRENT = `query($f: ObservationFilter!) {
  observations(filter: $f, first: 5000) { nodes { unit { code } indicator { code } period value status version } } }`;
const PUSH = `mutation($input: PushObservationsInput!) { pushObservations(input: $input) { applied updated } }`;

/** 5,000 of the province's figures changed and pushed atomically with their base versions: the push's time. */
async function pushChanged(e: Endpoints, provinceCode: string): Promise<number> {
  const { observations } = (await gql(e, CURRENT, { f: { provinceCode, fromYear: 2022 } })).json.data;
  const rows = observations.nodes.map((o: any) => ({
    unitCode: o.unit.code,
    indicatorCode: o.indicator.code,
    period: o.period,
    value: Math.round((o.value + 1.5) * 100) / 100,
    status: o.status,
    baseVersion: o.version,
  }));
  const a = await gql(e, PUSH, { input: { rows } });
  const p = a.json.data.pushObservations;
  if (!p.applied || p.updated !== rows.length) throw new Error(`the push did not apply cleanly: ${JSON.stringify(p)}`);
  return a.ms;
}

/**
 * One database's figures: the server on it, the two-province dataset, `runs` province pulls and
 * 5,000-row pushes after one warm-up each. The client is in this process for both databases alike:
 * the figure wanted is the ratio cluster / single, not a ratio to a floor.
 */
async function measureOn(label: string, db: DatabaseConfig, runs: number): Promise<Figure[]> {
  const server = await startServer({
    ...loadConfig({ LOG_LEVEL: 'warn', PORT: '0', ADMIN_TOKEN: TOKEN, DEMO_DATA: 'false' }),
    database: db,
  });
  try {
    console.log(`  ${label}: generating the dataset…`);
    await generateDataset(server.ds, { ...NATIONAL, provinces: ['38', '36'] });
    console.log(`  ${label}: measuring…`);
    // No floor here: the client speaks only to the API.
    const e: Endpoints = { url: server.url, token: TOKEN, floorUrl: '' };
    const pulls: number[] = [];
    const pushes: number[] = [];
    let rows = 0;
    for (let i = -1; i < runs; i++) {
      const pull = await pullAll(apiTablePage(e, { provinceCode: '38' }, 25_000));
      rows = pull.rows;
      const push = await pushChanged(e, '38');
      if (i >= 0) {
        pulls.push(pull.ms);
        pushes.push(push);
      }
    }
    return [
      { name: 'pull', what: `province 38, ${rows} rows, \`observationTable\``, api: summarize(pulls) },
      { name: 'push', what: '5,000-row atomic push (`baseVersion`, versions + audit)', api: summarize(pushes) },
    ];
  } finally {
    await server.stop();
  }
}

/**
 * `npm run bench -- --cluster`: the same province pull and 5,000-row atomic push on one MariaDB and
 * on a 3-node Galera cluster (the server on node 1; every commit certified by the three), both
 * started here on loopback with the same settings, in the same run; the ratio is cluster / single.
 */
export async function clusterBench(runs: number): Promise<number> {
  console.log('Single MariaDB (a private mariadbd)…');
  const single = await startPrivateMariadb('chitieu');
  let one: Figure[];
  try {
    one = await measureOn('single', { type: 'mysql', url: single.url }, runs);
  } finally {
    await single.stop();
  }
  console.log('Galera cluster of 3 nodes…');
  const cluster = await startGaleraCluster(3);
  let three: Figure[];
  let version: string;
  try {
    three = await measureOn('galera', { type: 'mysql', url: cluster.nodes[0]!.url() }, runs);
    const conn = await mysql.createConnection({ uri: cluster.nodes[0]!.url() });
    version = ((await conn.query('SELECT VERSION() AS v'))[0] as { v: string }[])[0]!.v;
    await conn.end();
  } finally {
    await cluster.stop();
  }
  const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
  console.log(
    `\ncluster vs single — ${version}, galera-4, 3 nodes on loopback; ${os.cpus().length} × ${os.cpus()[0]?.model}; ${runs} runs\n`,
  );
  console.log('| scenario | single MariaDB median ms | Galera ×3 median ms | ratio | single p95 | Galera p95 |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const f of one) {
    const g = three.find((x) => x.name === f.name);
    if (!g) continue;
    console.log(
      `| ${f.name} (${f.what}) | ${fmt(f.api.median)} | ${fmt(g.api.median)} | ${(g.api.median / f.api.median).toFixed(2)} | ${fmt(f.api.p95)} | ${fmt(g.api.p95)} |`,
    );
  }
  return 0;
}
