import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import mysql from 'mysql2/promise';
import { loadConfig, type DatabaseConfig } from '../server/src/app/config';
import { projectRoot } from '../server/src/app/data-files';
import { startServer } from '../server/src/server';
import { generateDataset, NATIONAL } from './dataset';
import { floorJson, openFloor } from './floor';
import { gql, type Ctx } from './scenarios';
import { measure } from './stats';

/**
 * The read path alone, small enough to profile (`npm run bench:reads -- --provinces 38`): a province's
 * whole long table through `observationTable`, through `observations` with the usual selections
 * (unit and indicator codes and names, period, value, status, version, updatedAt), and the floor;
 * then a national page (`fromYear`, no unit filter) beside a province page of the same size, and the
 * heap growth of one large `observations` page against the same page of `observationTable`.
 */
const TOKEN = 'bench-admin-token-0123456789';

const OBJECTS = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observations(filter: $f, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { unit { code name } indicator { code name } period value status version updatedAt }
  } }`;
const TABLE = `query($f: ObservationFilter!, $first: Int, $after: String) {
  observationTable(filter: $f, first: $first, after: $after) { rows pageInfo { hasNextPage endCursor } } }`;

async function pages(c: Ctx, query: string, field: string, filter: object, first: number, max = Infinity) {
  let after: string | null = null;
  let n = 0;
  for (;;) {
    const data: any = await gql(c, query, { f: filter, first, after });
    const page = data[field];
    n += (page.nodes ?? page.rows).length;
    if (!page.pageInfo.hasNextPage || n >= max) return n;
    after = page.pageInfo.endCursor;
  }
}

async function database(kind: string, dir: string): Promise<DatabaseConfig> {
  if (kind === 'sqlite') {
    const file = path.join(dir, 'reads.sqlite');
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return { type: 'sqlite', path: file };
  }
  const base = process.env.TEST_MYSQL_URL!;
  const admin = await mysql.createConnection({ uri: base });
  await admin.query('DROP DATABASE IF EXISTS chitieu_bench_reads');
  await admin.query('CREATE DATABASE chitieu_bench_reads CHARACTER SET utf8mb4 COLLATE utf8mb4_bin');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/chitieu_bench_reads';
  return { type: 'mysql', url: url.toString() };
}

/** Heap growth (MiB) while `fn` runs, sampled every 5 ms after a forced GC (run node with --expose-gc). */
async function peakHeap(fn: () => Promise<unknown>): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
  await fn();
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return Math.round(((peak - base) / 2 ** 20) * 10) / 10;
}

async function main() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'sqlite' },
      provinces: { type: 'string', default: '38' },
      runs: { type: 'string', default: '5' },
    },
  });
  const dir = path.join(projectRoot(), 'bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const db = await database(values.db!, dir);
  const server = await startServer({
    ...loadConfig({ PORT: '0', ADMIN_TOKEN: TOKEN, DEMO_DATA: 'false' }),
    database: db,
  });
  const provinces = values.provinces!.split(',');
  const dataset = await generateDataset(server.ds, { ...NATIONAL, provinces });
  const floor = await openFloor(db);
  const c: Ctx = {
    url: server.url,
    token: TOKEN,
    floor,
    mysql: db.type === 'mysql',
    runs: Number(values.runs),
    provinceCode: provinces[0],
    districtCode: '392',
  };
  const province = { provinceCode: c.provinceCode };
  let rows = 0;
  const table = await measure(c.runs, async () => (rows = await pages(c, TABLE, 'observationTable', province, 25_000)));
  const objects = await measure(c.runs, () => pages(c, OBJECTS, 'observations', province, 10_000));
  const sql = `SELECT o.id, u.code AS unit_code, u.name AS unit_name, i.code AS indicator_code, i.name AS indicator_name,
      o.period, o.value, o.status, o.version, o.updated_at
    FROM observation o JOIN admin_unit u ON u.id = o.unit_id JOIN indicator i ON i.id = o.indicator_id
    WHERE u.parent_id = (SELECT id FROM admin_unit WHERE code = ? AND level = 'PROVINCE' ORDER BY id LIMIT 1) ORDER BY o.id`;
  const floorT = await measure(c.runs, () => floorJson(floor, sql, [c.provinceCode]));
  // A national page (no unit filter) against a province page of the same size.
  const nationalPage = await measure(c.runs, () => pages(c, TABLE, 'observationTable', { fromYear: 2020 }, 1000, 1000));
  const provincePage = await measure(c.runs, () => pages(c, TABLE, 'observationTable', province, 1000, 1000));
  const nationalObjects = await measure(c.runs, () =>
    pages(c, OBJECTS, 'observations', { fromYear: 2020 }, 1000, 1000),
  );
  const big = Math.min(rows, 50_000);
  const heapObjects = await peakHeap(() => pages(c, OBJECTS, 'observations', {}, big, big));
  const heapTable = await peakHeap(() => pages(c, TABLE, 'observationTable', {}, big, big));
  const out = {
    db: db.type,
    dataset,
    rows,
    tableMs: table.medianMs,
    objectsMs: objects.medianMs,
    floorMs: floorT.medianMs,
    tableX: +(table.medianMs / floorT.medianMs).toFixed(2),
    objectsX: +(objects.medianMs / floorT.medianMs).toFixed(2),
    nationalPageMs: nationalPage.medianMs,
    provincePageMs: provincePage.medianMs,
    nationalObjectsPageMs: nationalObjects.medianMs,
    heapMiB: { rows: big, objects: heapObjects, table: heapTable },
  };
  console.log(JSON.stringify(out, null, 2));
  await floor.close();
  await server.stop();
  if (db.type === 'mysql') {
    const a = await mysql.createConnection({ uri: process.env.TEST_MYSQL_URL! });
    await a.query('DROP DATABASE IF EXISTS chitieu_bench_reads');
    await a.end();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
