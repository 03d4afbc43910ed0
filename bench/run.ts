import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { loadConfig, type DatabaseConfig } from '../server/src/app/config';
import { projectRoot } from '../server/src/app/data-files';
import { startServer } from '../server/src/server';
import { generateDataset, NATIONAL } from './dataset';
import { openFloor } from './floor';
import {
  boundariesScenario,
  costScenario,
  loadScenario,
  pullScenario,
  pushScenario,
  rankingScenario,
  type Ctx,
  type Figure,
} from './scenarios';
import { soakScenario } from './soak';
import { clusterBench } from './cluster';

const TOKEN = 'bench-admin-token-0123456789';

async function freshDatabase(
  kind: 'sqlite' | 'mysql',
  dir: string,
): Promise<{ db: DatabaseConfig; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = path.join(dir, 'bench.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return { db: { type: 'sqlite', path: file }, drop: async () => undefined };
  }
  const base = process.env.TEST_MYSQL_URL ?? process.env.DATABASE_URL;
  if (!base?.startsWith('mysql'))
    throw new Error('--db mysql needs TEST_MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/test)');
  const admin = await mysql.createConnection({ uri: base });
  await admin.query('DROP DATABASE IF EXISTS chitieu_bench');
  await admin.query('CREATE DATABASE chitieu_bench CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/chitieu_bench';
  return {
    db: { type: 'mysql', url: url.toString() },
    drop: async () => {
      const c = await mysql.createConnection({ uri: base });
      await c.query('DROP DATABASE IF EXISTS chitieu_bench');
      await c.end();
    },
  };
}

const fmt = (x: number | undefined) => (x === undefined ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));

function table(figures: Figure[]): string {
  const head = ['scenario', 'median ms', 'p95 ms', 'floor median', 'floor p95', '× floor', 'what'];
  const rows = figures.map((f) => [
    f.name,
    fmt(f.api.medianMs),
    fmt(f.api.p95Ms),
    fmt(f.floor?.medianMs),
    fmt(f.floor?.p95Ms),
    f.floor ? (f.api.medianMs / Math.max(0.1, f.floor.medianMs)).toFixed(2) : '—',
    f.what,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      'load-seconds': { type: 'string' },
      out: { type: 'string' },
      keep: { type: 'boolean', default: false },
      cluster: { type: 'boolean', default: false },
    },
  });
  // --cluster: single MariaDB beside a 3-node Galera cluster, in the same run (bench/cluster.ts).
  if (values.cluster) return clusterBench(Number(values.runs ?? 5));
  const kind = values.db === 'mysql' || values.db === 'mariadb' ? 'mysql' : 'sqlite';
  const quick = values.quick ?? false;
  const runs = Number(values.runs ?? (quick ? 3 : 7));
  const loadSeconds = Number(values['load-seconds'] ?? (quick ? 5 : 30));
  const resultsDir = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(resultsDir, { recursive: true });

  const { db, drop } = await freshDatabase(kind, resultsDir);
  const server = await startServer({
    ...loadConfig({ PORT: '0', ADMIN_TOKEN: TOKEN, DEMO_DATA: 'false' }),
    database: db,
  });
  const spec = quick ? { ...NATIONAL, provinces: ['38', '36'] } : NATIONAL;
  console.log(`Generating the ${quick ? 'quick (2 provinces)' : 'national'} dataset on ${kind}…`);
  const dataset = await generateDataset(server.ds, spec);
  console.log(`  ${JSON.stringify(dataset)}`);
  const dbVersion =
    kind === 'mysql'
      ? (await server.ds.query('SELECT VERSION() AS v'))[0].v
      : `SQLite ${(await server.ds.query('SELECT sqlite_version() AS v'))[0].v}`;

  const floor = await openFloor(db);
  const ctx: Ctx = {
    url: server.url,
    token: TOKEN,
    floor,
    mysql: kind === 'mysql',
    runs,
    provinceCode: '38',
    districtCode: '392',
  };
  const figures: Figure[] = [];
  const failures: Record<string, string> = {};
  const attempt = async (name: string, fn: () => Promise<Figure | Figure[]>) => {
    console.log(`Measuring ${name}…`);
    try {
      const f = await fn();
      figures.push(...(Array.isArray(f) ? f : [f]));
    } catch (e) {
      failures[name] = (e as Error).message;
      console.error(`  ${name} FAILED: ${(e as Error).message}`);
    }
  };
  await attempt('pull', () => pullScenario(ctx));
  await attempt('push', () => pushScenario(ctx));
  await attempt('ranking and scorecards', () => rankingScenario(ctx));
  await attempt('history on current boundaries', () => boundariesScenario(ctx));
  await attempt('query cost', () => costScenario(ctx));
  console.log(`Measuring sustained load (50 clients, ${loadSeconds} s)…`);
  const load = await loadScenario(ctx, loadSeconds).catch((e) => {
    failures.load = (e as Error).message;
    return null;
  });
  console.log(`Measuring the soak (50 clients and one abusive VIEWER, ${loadSeconds} s)…`);
  const soak = await soakScenario(ctx, loadSeconds).catch((e) => {
    failures.soak = (e as Error).message;
    return null;
  });
  await floor.close();
  await server.stop();
  if (!values.keep) await drop();

  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    database: dbVersion,
  };
  console.log(`\nchitieu benchmark — ${kind}, ${dbVersion}, ${machine.cpus} × ${machine.cpu}, Node ${machine.node}`);
  console.log(
    `dataset: ${dataset.districts} districts × ${dataset.indicators} indicators × 15 years = ${dataset.observations} observations, ${dataset.revisions} revisions, ${dataset.targets} targets\n`,
  );
  console.log(table(figures));
  if (load) {
    console.log(
      `\nsustained load: ${load.connections} clients × ${load.seconds} s mixing district pulls and rankings: ` +
        `${load.throughputPerSec} req/s, p50 ${load.latencyP50Ms} ms, p99 ${load.latencyP99Ms} ms, errors ${load.errors}, non-2xx ${load.non2xx}, timeouts ${load.timeouts}`,
    );
  }
  if (soak) {
    const o = soak.others;
    console.log(
      `soak: ${o.connections} clients × ${o.seconds} s as above while one VIEWER sends over-cap queries back to back: ` +
        `others ${o.throughputPerSec} req/s, p50 ${o.latencyP50Ms} ms, p99 ${o.latencyP99Ms} ms, errors ${o.errors}, non-2xx ${o.non2xx}, timeouts ${o.timeouts}; ` +
        `abusive ${soak.abusive.refused}/${soak.abusive.requests} refused (${JSON.stringify(soak.abusive.byStatus)}); ` +
        `server RSS ${soak.rssBeforeMiB} → ${soak.rssAfterMiB} MiB (peak ${soak.rssPeakMiB})`,
    );
  }
  for (const [name, msg] of Object.entries(failures)) console.log(`FAILED ${name}: ${msg}`);
  const out =
    values.out ?? path.join(resultsDir, `bench-${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(
    out,
    JSON.stringify(
      { at: new Date().toISOString(), db: kind, machine, dataset, runs, figures, load, soak, failures },
      null,
      2,
    ),
  );
  console.log(`\nJSON: ${path.relative(process.cwd(), out)}`);
  const loadFailed =
    !load ||
    load.errors > 0 ||
    load.non2xx > 0 ||
    load.timeouts > 0 ||
    !soak ||
    soak.others.errors + soak.others.non2xx + soak.others.timeouts > 0 ||
    soak.abusive.refused !== soak.abusive.requests;
  process.exit(Object.keys(failures).length || loadFailed ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
