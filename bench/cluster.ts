import mysql from 'mysql2/promise';
import os from 'node:os';
import { loadConfig, type DatabaseConfig } from '../server/src/app/config';
import { startServer } from '../server/src/server';
import { startGaleraCluster } from '../test/cluster/galera';
import { startPrivateMariadb } from '../test/fault/private-mariadb';
import { generateDataset, NATIONAL } from './dataset';
import { openFloor } from './floor';
import { pullScenario, pushScenario, type Ctx, type Figure } from './scenarios';

const TOKEN = 'bench-admin-token-0123456789';

/** One database's figures: the server on it, the quick dataset (2 provinces), a province pull and a 5,000-row push. */
async function measureOn(label: string, db: DatabaseConfig, runs: number): Promise<Figure[]> {
  const server = await startServer({
    ...loadConfig({ PORT: '0', ADMIN_TOKEN: TOKEN, DEMO_DATA: 'false' }),
    database: db,
  });
  try {
    console.log(`  ${label}: generating the dataset…`);
    await generateDataset(server.ds, { ...NATIONAL, provinces: ['38', '36'] });
    const floor = await openFloor(db);
    try {
      const ctx: Ctx = {
        url: server.url,
        token: TOKEN,
        floor,
        mysql: true,
        runs,
        provinceCode: '38',
        districtCode: '392',
      };
      console.log(`  ${label}: measuring…`);
      return [...(await pullScenario(ctx)), ...(await pushScenario(ctx))];
    } finally {
      await floor.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * `npm run bench -- --cluster`: the same province pull and 5,000-row atomic push on one MariaDB and
 * on a 3-node Galera cluster (the server on node 1; every commit certified by the three), both
 * started here on loopback with the same settings, in the same run; the ratio is cluster / single.
 */
export async function clusterBench(runs: number): Promise<void> {
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
    if (!g || !['pull', 'push'].includes(f.name)) continue;
    console.log(
      `| ${f.name} (${f.what}) | ${fmt(f.api.medianMs)} | ${fmt(g.api.medianMs)} | ${(g.api.medianMs / f.api.medianMs).toFixed(2)} | ${fmt(f.api.p95Ms)} | ${fmt(g.api.p95Ms)} |`,
    );
  }
}
