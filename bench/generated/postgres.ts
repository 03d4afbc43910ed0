import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../floor';

/**
 * PostgreSQL for the comparison with a generated GraphQL API: a scratch database this run creates
 * (a unique name) on the server `adminUrl` names, and the only one it ever drops.
 */
export async function scratchPostgres(adminUrl: string) {
  const name = `chitieu_bench_pg_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const version = await admin(async (c) => {
    await c.query(`CREATE DATABASE ${name}`);
    return (await c.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropping: Promise<void> | null = null;
  return {
    name,
    url: url.toString(),
    version: `PostgreSQL ${version}`,
    // Once, however many paths (the end, an error, a signal) ask for it; FORCE ends the connections
    // of a PostGraphile process that was killed rather than stopped.
    drop: () => (dropping ??= admin(async (c) => void (await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)))),
  };
}

/**
 * chitieu's tables as far as the compared queries read them, with chitieu's column types and
 * indexes: PostGraphile builds its relations from the foreign keys (observation → admin_unit and
 * indicator, admin_unit → its parent) and wants their columns indexed, which chitieu's unique key
 * (unit_id, …) and (indicator_id, period) index already do. Keys and indexes come after the rows.
 */
const TABLES = `
  CREATE TABLE admin_unit (id integer PRIMARY KEY, code varchar(10) NOT NULL, name varchar(200) NOT NULL,
    level varchar(10) NOT NULL, parent_id integer);
  CREATE TABLE indicator (id integer PRIMARY KEY, code varchar(40) NOT NULL, name varchar(300) NOT NULL);
  CREATE TABLE observation (id integer PRIMARY KEY, unit_id integer NOT NULL, indicator_id integer NOT NULL,
    period varchar(16) NOT NULL, value numeric(20, 6) NOT NULL, status varchar(12) NOT NULL,
    source varchar(500), note varchar(2000), version integer NOT NULL);`;

const KEYS = `
  ALTER TABLE admin_unit ADD CONSTRAINT fk_admin_unit_parent FOREIGN KEY (parent_id) REFERENCES admin_unit (id);
  CREATE INDEX ix_admin_unit_parent ON admin_unit (parent_id);
  CREATE INDEX ix_admin_unit_code ON admin_unit (code);
  CREATE INDEX ix_admin_unit_level_code ON admin_unit (level, code);
  ALTER TABLE indicator ADD CONSTRAINT uq_indicator_code UNIQUE (code);
  ALTER TABLE observation ADD CONSTRAINT uq_observation_key UNIQUE (unit_id, indicator_id, period);
  CREATE INDEX ix_observation_indicator_period ON observation (indicator_id, period);
  ALTER TABLE observation ADD CONSTRAINT fk_observation_unit FOREIGN KEY (unit_id) REFERENCES admin_unit (id);
  ALTER TABLE observation ADD CONSTRAINT fk_observation_indicator FOREIGN KEY (indicator_id) REFERENCES indicator (id);`;

/** Columns of each table and their PostgreSQL array types (the rows go in as one array per column). */
const COLUMNS: Record<string, [string, string][]> = {
  admin_unit: [
    ['id', 'int'],
    ['code', 'text'],
    ['name', 'text'],
    ['level', 'text'],
    ['parent_id', 'int'],
  ],
  indicator: [
    ['id', 'int'],
    ['code', 'text'],
    ['name', 'text'],
  ],
  observation: [
    ['id', 'int'],
    ['unit_id', 'int'],
    ['indicator_id', 'int'],
    ['period', 'text'],
    ['value', 'numeric'],
    ['status', 'text'],
    ['source', 'text'],
    ['note', 'text'],
    ['version', 'int'],
  ],
};

const CHUNK = 50_000;

/**
 * Copies the rows the bench generated in chitieu's database (`source`) into the scratch PostgreSQL
 * database at `url`, with the same ids: 50,000 rows a statement as one array per column through
 * `unnest` (one parameter per column, so no statement-size limit and little parsing).
 */
export async function loadPostgres(source: Db, url: string) {
  const started = Date.now();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const counts: Record<string, number> = {};
  try {
    await c.query(TABLES);
    for (const [table, cols] of Object.entries(COLUMNS)) {
      const names = cols.map(([n]) => n);
      const insert = `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${cols
        .map(([, t], i) => `$${i + 1}::${t}[]`)
        .join(', ')})`;
      counts[table] = 0;
      for (let after = 0; ;) {
        const rows = await source.all(
          `SELECT ${names.join(', ')} FROM ${table} WHERE id > ? ORDER BY id LIMIT ${CHUNK}`,
          [after],
        );
        if (!rows.length) break;
        await c.query(
          insert,
          names.map((n) => rows.map((r) => r[n])),
        );
        counts[table] += rows.length;
        after = rows[rows.length - 1].id;
      }
    }
    await c.query(KEYS);
    // As a database in service would be: statistics for the planner, the visibility map and hint bits set.
    await c.query('VACUUM ANALYZE');
  } finally {
    await c.end();
  }
  return { ...counts, seconds: Math.round((Date.now() - started) / 100) / 10 };
}
