import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../server/src/app/config';
import { projectRoot } from '../server/src/app/data-files';
import { NATIONAL, type DatasetSpec } from './dataset';
import { SCENARIOS, type Ctx } from './scenarios';
import { killChildren, startChild } from './child';
import { DEFAULT_PG_URL, preparePostgres, startGenerated, type GeneratedSide } from './generated/setup';
import type { Reply, StartMessage } from './server-process';
import { exitCode, table, unmeasuredRow, verdict, type Row } from './stats';
import { clusterBench } from './cluster';

const TOKEN = 'bench-admin-token-0123456789';

const SCALES: Record<string, { spec: DatasetSpec; label: string }> = {
  national: { spec: NATIONAL, label: 'national (696 districts × 60 indicators × 15 years = 626,400 observations)' },
  small: { spec: { ...NATIONAL, provinces: ['38', '36'] }, label: 'small (provinces 38 and 36 only; for development)' },
};

/** A scratch database this run creates (a unique name) and the only one it ever drops. */
async function scratchDatabase(kind: 'sqlite' | 'mysql', mysqlUrl: string | undefined) {
  const name = `chitieu_bench_${process.pid}_${randomBytes(3).toString('hex')}`;
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-bench-'));
    const db: DatabaseConfig = { type: 'sqlite', path: path.join(dir, `${name}.sqlite`) };
    return { db, name: db.path, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  if (!mysqlUrl?.startsWith('mysql'))
    throw new Error('--db mysql needs --mysql-url or TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/test)');
  const admin = await mysql.createConnection({ uri: mysqlUrl });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  } finally {
    await admin.end();
  }
  const url = new URL(mysqlUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | null = null;
  return {
    db: { type: 'mysql', url: url.toString() } as DatabaseConfig,
    name,
    // Once, however many paths (the end, an error, a signal) ask for it; each waits for it to finish.
    drop: () =>
      (dropping ??= (async () => {
        const c = await mysql.createConnection({ uri: mysqlUrl });
        try {
          await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
        } finally {
          await c.end();
        }
      })()),
  };
}

/** The server process: the chitieu server and the floor app (bench/server-process.ts). */
const startServerProcess = (start: StartMessage) =>
  startChild<Extract<Reply, { type: 'ready' }>>(path.join(__dirname, 'server-process.js'), start);

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      'mysql-url': { type: 'string', default: process.env.TEST_MYSQL_URL },
      'pg-url': { type: 'string' },
      scale: { type: 'string', default: 'national' },
      trials: { type: 'string', default: '15' },
      'load-seconds': { type: 'string', default: '3' },
      'soak-seconds': { type: 'string', default: '30' },
      only: { type: 'string' },
      out: { type: 'string' },
      cluster: { type: 'boolean', default: false },
    },
  });
  // --cluster: single MariaDB beside a 3-node Galera cluster, in the same run (bench/cluster.ts);
  // --trials sets its runs (default 5 here: each run is a province pull and a 5,000-row push per side).
  if (values.cluster) return clusterBench(process.argv.includes('--trials') ? Number(values.trials) : 5);
  const kind = values.db === 'mysql' || values.db === 'mariadb' ? 'mysql' : 'sqlite';
  const scale = SCALES[values.scale!];
  if (!scale) throw new Error(`--scale is national or small, not ${values.scale}`);
  const trials = Number(values.trials);
  const only = values.only?.split(',').map((s) => s.trim());
  const scenarios = only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;
  if (!scenarios.length) throw new Error(`--only matches none of: ${SCENARIOS.map((s) => s.name).join(', ')}`);

  // The comparison with PostGraphile needs PostgreSQL: its scratch database first (an explicit
  // --pg-url that does not answer fails here, before the dataset), its process after the dataset.
  const pg = scenarios.some((s) => s.name === 'postgraphile')
    ? await preparePostgres(values['pg-url'] ?? process.env.TEST_PG_URL ?? DEFAULT_PG_URL, !!values['pg-url'])
    : null;
  const pgScratch = pg && 'scratch' in pg ? pg.scratch : null;
  const scratch = await scratchDatabase(kind, values['mysql-url']).catch(async (e) => {
    await pgScratch?.drop();
    throw e;
  });
  const scratches = [scratch, ...(pgScratch ? [pgScratch] : [])];
  let cleaning: Promise<void> | null = null;
  const cleanUp = () => (cleaning ??= cleanUpOnce());
  const cleanUpOnce = async () => {
    await killChildren();
    for (const s of scratches)
      await s.drop().catch((e) => console.error(`could not drop ${s.name}: ${(e as Error).message}`));
  };
  const scratchNames = scratches.map((s) => s.name).join(' and ');
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      console.error(`\n${signal}: stopping the server processes and dropping ${scratchNames}`);
      void cleanUp().finally(() => process.exit(130));
    });

  const rows: Row[] = [];
  let comparedWith: string | null;
  let info: Extract<Reply, { type: 'ready' }>;
  try {
    console.log(`Generating the ${scale.label} dataset on ${kind} (${scratch.name}) in the server process…`);
    const server = await startServerProcess({ type: 'start', database: scratch.db, spec: scale.spec, token: TOKEN });
    info = server.info;
    console.log(`  ${JSON.stringify(info.dataset)}`);
    let generated: GeneratedSide = { notMeasured: 'not selected (--only)' };
    if (pgScratch) {
      console.log(`Copying the dataset into PostgreSQL (${pgScratch.name}) and starting PostGraphile…`);
      generated = await startGenerated(pgScratch, scratch.db);
      if ('api' in generated) console.log(`  ${JSON.stringify(generated.api.loaded)}`);
    } else if (pg && 'notMeasured' in pg) generated = pg;
    const ctx: Ctx = {
      url: info.url,
      floorUrl: info.floorUrl,
      token: TOKEN,
      mysql: kind === 'mysql',
      trials,
      loadSeconds: Number(values['load-seconds']),
      soakSeconds: Number(values['soak-seconds']),
      provinceCode: '38',
      districtCode: '392',
      memory: server.memory,
      generated,
      log: (m) => console.log(`Measuring ${m}…`),
    };
    for (const s of scenarios) {
      try {
        rows.push(...(await s.run(ctx)));
      } catch (e) {
        console.error(`  ${s.name} FAILED: ${(e as Error).stack}`);
        rows.push(unmeasuredRow(s.name, { error: (e as Error).message }));
      }
    }
    if ('api' in generated) await generated.api.stop();
    await server.stop();
    comparedWith = 'api' in generated ? generated.api.description : null;
  } finally {
    await cleanUp();
  }

  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    node: process.version,
    database: info.dbVersion,
    ...(comparedWith ? { comparedWith } : {}),
  };
  console.log(
    `\nchitieu benchmark — ${kind} (${machine.database}), ${scale.label}; ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, load average ${machine.loadAverage.join(' ')}`,
  );
  console.log(
    `${trials} interleaved trials per row (median and p95); client in the bench process, API and floor in one server process${
      comparedWith ? `, ${comparedWith} in another` : ''
    }\n`,
  );
  if (trials < 15) console.log(`NOTE: fewer than 15 trials (${trials}): a development run, not a result.\n`);
  console.log(table(rows));
  for (const r of rows) if (!['INFO', 'NOT MEASURED'].includes(verdict(r))) console.log(`  ${r.name}: ${r.what}`);
  for (const r of rows.filter((x) => x.error)) console.log(`FAILED ${r.name}: ${r.error}`);
  for (const r of rows.filter((x) => x.notMeasured)) console.log(`NOT MEASURED ${r.name}: ${r.notMeasured}`);
  const resultsDir = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const out =
    values.out ?? path.join(resultsDir, `bench-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), db: kind, scale: values.scale, machine, dataset: info.dataset, trials, rows },
      null,
      2,
    ),
  );
  console.log(`\nJSON: ${path.relative(process.cwd(), out)}`);
  const code = exitCode(rows);
  if (code) console.log('A row is over its goal or failed: exit 1.');
  return code;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
