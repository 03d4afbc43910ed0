#!/usr/bin/env node
// Mirrors one province's observations into a local SQLite file and keeps it current through the
// change feed. See examples/README.md for the protocol.
//
//   node examples/mirror.mjs --url http://localhost:4000/graphql --token ctk_… --province 38 --file mirror.sqlite
//   options: --once (catch up, then exit) · --interval <seconds between polls, default 5> · --page <changes per page>
import Database from 'better-sqlite3';
import { parseArgs } from 'node:util';

const { values: opts } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:4000/graphql' },
    token: { type: 'string', default: process.env.CHITIEU_TOKEN ?? '' },
    province: { type: 'string' },
    file: { type: 'string', default: 'mirror.sqlite' },
    once: { type: 'boolean', default: false },
    interval: { type: 'string', default: '5' },
    page: { type: 'string', default: '5000' },
  },
});
if (!opts.province) {
  console.error('--province <code> is required');
  process.exit(2);
}

async function gql(query, variables) {
  const res = await fetch(opts.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${opts.token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`${res.status} ${JSON.stringify(body.errors)}`);
  return body.data;
}

const db = new Database(opts.file);
db.pragma('journal_mode = WAL');
db.exec(`
  CREATE TABLE IF NOT EXISTS observation (
    unit_id TEXT NOT NULL, unit_code TEXT NOT NULL, indicator_code TEXT NOT NULL, period TEXT NOT NULL,
    value REAL NOT NULL, status TEXT NOT NULL, source TEXT, note TEXT, version INTEGER NOT NULL,
    PRIMARY KEY (unit_id, indicator_code, period));
  CREATE TABLE IF NOT EXISTS mirror_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
const upsert = db.prepare(
  `INSERT INTO observation (unit_id, unit_code, indicator_code, period, value, status, source, note, version)
   VALUES (@unitId, @unitCode, @indicatorCode, @period, @value, @status, @source, @note, @version)
   ON CONFLICT (unit_id, indicator_code, period) DO UPDATE SET unit_code = excluded.unit_code, value = excluded.value,
     status = excluded.status, source = excluded.source, note = excluded.note, version = excluded.version`,
);
const remove = db.prepare('DELETE FROM observation WHERE unit_id = ? AND indicator_code = ? AND period = ?');
const getMeta = db.prepare('SELECT value FROM mirror_meta WHERE key = ?');
const setMeta = db.prepare(
  'INSERT INTO mirror_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
);
const storedCursor = () => getMeta.get('cursor')?.value ?? null;

/**
 * First run: take the feed's cursor BEFORE reading the province in full, then store rows and cursor in
 * one local transaction. Every change committed after that cursor is replayed by `follow`, so
 * whatever the full read saw of it, replaying in order ends at the server's state.
 */
async function bootstrap() {
  const { changesCursor } = await gql('{ changesCursor }');
  const rows = [];
  let after = null;
  for (;;) {
    const { observationTable: t } = await gql(
      `query($f: ObservationFilter!, $after: String) { observationTable(filter: $f, first: 50000, after: $after) { columns rows pageInfo { hasNextPage endCursor } } }`,
      { f: { provinceCode: opts.province }, after },
    );
    const col = Object.fromEntries(t.columns.map((c, i) => [c, i]));
    for (const r of t.rows)
      rows.push({
        unitId: r[col.unitId],
        unitCode: r[col.unitCode],
        indicatorCode: r[col.indicatorCode],
        period: r[col.period],
        value: r[col.value],
        status: r[col.status],
        source: r[col.source],
        note: r[col.note],
        version: r[col.version],
      });
    if (!t.pageInfo.hasNextPage) break;
    after = t.pageInfo.endCursor;
  }
  db.transaction(() => {
    db.exec('DELETE FROM observation');
    for (const r of rows) upsert.run(r);
    setMeta.run('province', opts.province);
    setMeta.run('cursor', changesCursor);
  })();
}

/** Applies the changes after the stored cursor, page by page (each page and its cursor in one local transaction), until caught up. */
async function follow() {
  for (;;) {
    const { changes } = await gql(
      `query($after: String, $first: Int!, $p: String) { changes(after: $after, first: $first, provinceCode: $p) {
         nodes { kind action unitId unitCode indicatorCode period version value status source note }
         pageInfo { hasNextPage endCursor } } }`,
      { after: storedCursor(), first: Number(opts.page), p: opts.province },
    );
    db.transaction(() => {
      for (const c of changes.nodes) {
        if (c.kind !== 'OBSERVATION') continue; // approvals, terms, catalogue: not mirrored here
        if (c.action === 'DELETE') remove.run(c.unitId, c.indicatorCode, c.period);
        else {
          const { unitId, unitCode, indicatorCode, period, value, status, source, note, version } = c;
          upsert.run({ unitId, unitCode, indicatorCode, period, value, status, source, note, version });
        }
      }
      setMeta.run('cursor', changes.pageInfo.endCursor);
    })();
    if (!changes.pageInfo.hasNextPage) return;
  }
}

if (storedCursor() === null) await bootstrap();
else if (getMeta.get('province')?.value !== opts.province) throw new Error(`${opts.file} mirrors another province`);
for (;;) {
  await follow();
  if (opts.once) break;
  await new Promise((r) => setTimeout(r, Number(opts.interval) * 1000));
}
db.close();
