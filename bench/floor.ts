import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../server/src/app/config';
import { achievementBand, termWindow, chooseObservation, type ComparatorValue } from '../server/src/analytics/progress';
import { competitionRank, type DirectionValue } from '../server/src/analytics/ranking';
import { exactRatio } from '../server/src/common/exact';
import { toGlobalId } from '../server/src/common/global-id';
import { parsePeriod } from '../server/src/common/period';
import { sqlDateTime } from '../server/src/db/sql';
import { sortKeys } from '../server/src/observations/push-store';

/**
 * The floor: an Express app in the same process as the API, answering the same requests with the same
 * JSON through hand-written SQL straight on the driver (better-sqlite3, or a mysql2 pool of the API's
 * size): no ORM, no GraphQL, no auth, no validation beyond what the answer needs. What the API costs
 * beyond it is what GraphQL, the services and their checks add.
 */
export interface Db {
  mysql: boolean;
  all(sql: string, params: unknown[]): Promise<any[]>;
  /** Runs `fn` in one transaction. */
  tx<T>(fn: (q: (sql: string, params: unknown[]) => Promise<any[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openDb(db: DatabaseConfig): Promise<Db> {
  if (db.type === 'sqlite') {
    const conn = new Database(db.path);
    conn.pragma('journal_mode = WAL');
    conn.pragma('busy_timeout = 5000');
    const run = (sql: string, params: unknown[]) => {
      const st = conn.prepare(sql);
      return st.reader ? st.all(...params) : (st.run(...params), []);
    };
    return {
      mysql: false,
      all: async (sql, params) => conn.prepare(sql).all(...params),
      tx: async (fn) => {
        conn.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(async (sql, params) => run(sql, params) as any[]);
          conn.exec('COMMIT');
          return out;
        } catch (e) {
          conn.exec('ROLLBACK');
          throw e;
        }
      },
      close: async () => void conn.close(),
    };
  }
  // The API's session (server/src/app/data-source.ts): a pool of 20, utf8mb4_bin, UTC. The collation
  // matters: the key's text (period) is utf8mb4_bin, and a list of keys sent in mysql2's default
  // utf8mb4_unicode_ci cannot become the derived table MariaDB joins by the key's index
  // (in_predicate_conversion_threshold); it is read as 5,000 ranges instead, 6 × slower.
  const pool = mysql.createPool({
    uri: db.url,
    connectionLimit: 20,
    charset: 'utf8mb4_bin',
    timezone: 'Z',
    supportBigNumbers: true,
    decimalNumbers: true,
  });
  return {
    mysql: true,
    all: async (sql, params) => (await pool.query(sql, params))[0] as any[],
    tx: async (fn) => {
      const conn = await pool.getConnection();
      try {
        await conn.beginTransaction();
        const out = await fn(async (sql, params) => (await conn.query(sql, params))[0] as any[]);
        await conn.commit();
        return out;
      } catch (e) {
        await conn.rollback();
        throw e;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : `${v.replace(' ', 'T')}Z`);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(',');
const cursor = (id: number) => Buffer.from(`o:${id}`).toString('base64url');
const afterId = (c: string | null | undefined) => (c ? Number(Buffer.from(c, 'base64url').toString().slice(2)) : 0);

export interface PullFilter {
  provinceCode?: string;
  unitCodes?: string[];
  fromYear?: number;
}

/**
 * The WHERE clause of the filters the bench uses (the API's scope: a province's children and
 * grandchildren). The province's units are selected first and listed by id: one statement with the
 * scope as a subquery is planned poorly by MariaDB (15 s for a province), and a floor must not share
 * a slow plan with the API.
 */
async function where(db: Db, f: PullFilter): Promise<{ sql: string; params: unknown[] }> {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (f.provinceCode) {
    const units = await db.all(
      `SELECT pu.id FROM admin_unit pu LEFT JOIN admin_unit pp ON pp.id = pu.parent_id
       WHERE pu.parent_id IN (SELECT id FROM admin_unit WHERE code = ? AND level = 'PROVINCE')
          OR pp.parent_id IN (SELECT id FROM admin_unit WHERE code = ? AND level = 'PROVINCE')`,
      [f.provinceCode, f.provinceCode],
    );
    const ids = units.length ? units.map((u) => u.id) : [-1];
    parts.push(`o.unit_id IN (${marks(ids.length)})`);
    params.push(...ids);
  }
  if (f.unitCodes) {
    parts.push(`o.unit_id IN (SELECT id FROM admin_unit WHERE code IN (${marks(f.unitCodes.length)}))`);
    params.push(...f.unitCodes);
  }
  if (f.fromYear) {
    parts.push('o.start_month >= ?');
    params.push(f.fromYear * 12);
  }
  return { sql: parts.length ? `AND ${parts.join(' AND ')}` : '', params };
}

async function page(db: Db, f: PullFilter, first: number, after: string | null) {
  const w = await where(db, f);
  const rows = await db.all(
    // MariaDB, a province's units listed by id: observation first (STRAIGHT_JOIN), as the API's
    // statement reads it alone; left to itself at national scale it starts elsewhere and takes over a
    // second for a province page. (Forced for a unit-code subquery, it takes 10 × longer instead.)
    `SELECT ${db.mysql && f.provinceCode ? 'STRAIGHT_JOIN ' : ''}o.id, o.unit_id, u.level AS unit_level, u.code AS unit_code, i.code AS indicator_code, o.period, o.value,
       o.status, o.source, o.note, o.version, o.updated_at, o.updated_by
     FROM observation o JOIN admin_unit u ON u.id = o.unit_id JOIN indicator i ON i.id = o.indicator_id
     WHERE o.id > ? ${w.sql} ORDER BY o.id LIMIT ?`,
    [afterId(after), ...w.params, first + 1],
  );
  const last = rows[Math.min(first, rows.length) - 1];
  return {
    rows: rows.slice(0, first),
    pageInfo: { hasNextPage: rows.length > first, endCursor: last ? cursor(last.id) : (after ?? null) },
  };
}

const typename = (level: string) => (level === 'PROVINCE' ? 'Province' : level === 'COMMUNE' ? 'Commune' : 'District');

/** observationTable's answer: one array per row in `columns` order. */
export async function tableFloor(db: Db, f: PullFilter, first: number, after: string | null) {
  const p = await page(db, f, first, after);
  const rows = p.rows.map((r) => [
    r.unit_code,
    r.indicator_code,
    r.period,
    Number(r.value),
    r.status,
    r.source,
    r.note,
    r.version,
    iso(r.updated_at),
    r.updated_by,
    toGlobalId(typename(r.unit_level), r.unit_id),
    false,
    true,
    null,
  ]);
  return { data: { observationTable: { rows, pageInfo: p.pageInfo } } };
}

/** The observations connection's answer for the bench's selection (see PULL in bench/client.ts). */
export async function objectsFloor(db: Db, f: PullFilter, first: number, after: string | null) {
  const p = await page(db, f, first, after);
  const nodes = p.rows.map((r) => ({
    id: toGlobalId('Observation', r.id),
    unit: { code: r.unit_code },
    indicator: { code: r.indicator_code },
    period: r.period,
    value: Number(r.value),
    status: r.status,
    source: r.source,
    note: r.note,
    version: r.version,
  }));
  return { data: { observations: { pageInfo: p.pageInfo, nodes } } };
}

/** ranking's answer: the province's districts on the period's last day, competition-ranked. */
export async function rankingFloor(db: Db, provinceCode: string, indicatorCode: string, periodText: string) {
  const period = parsePeriod(periodText);
  const y = Math.floor(period.endMonth / 12);
  const m = (period.endMonth % 12) + 1;
  const day = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const rows = await db.all(
    `SELECT u.code, o.value, o.status, i.direction, i.decimals
     FROM admin_unit p JOIN admin_unit u ON u.parent_id = p.id AND u.level = 'DISTRICT'
       AND (u.valid_from IS NULL OR u.valid_from <= ?) AND (u.valid_to IS NULL OR u.valid_to >= ?)
     JOIN indicator i ON i.code = ?
     JOIN observation o ON o.unit_id = u.id AND o.indicator_id = i.id AND o.period = ? AND o.status <> 'FORECAST'
     WHERE p.code = ? AND p.level = 'PROVINCE' AND (p.valid_from IS NULL OR p.valid_from <= ?) AND (p.valid_to IS NULL OR p.valid_to >= ?)`,
    [day, day, indicatorCode, period.text, provinceCode, day, day],
  );
  const ranked = rows.length
    ? competitionRank(
        rows,
        (r) => Number(r.value),
        rows[0].direction as DirectionValue,
        rows[0].decimals,
        (a, b) => (a.code < b.code ? -1 : 1),
      )
    : [];
  return {
    data: {
      ranking: ranked.map(({ item, rank, of }) => ({
        rank,
        of,
        unit: { code: item.code },
        observation: { value: Number(item.value), status: item.status },
      })),
    },
  };
}

/** The scorecards of every term of a province's districts active on `on` (what the API query selects). */
export async function scorecardsFloor(db: Db, provinceCode: string, on: string) {
  const districts = await db.all(
    `SELECT d.id, d.code FROM admin_unit p JOIN admin_unit d ON d.parent_id = p.id AND d.level = 'DISTRICT'
       AND (d.valid_from IS NULL OR d.valid_from <= ?) AND (d.valid_to IS NULL OR d.valid_to >= ?)
     WHERE p.code = ? AND p.level = 'PROVINCE' AND (p.valid_from IS NULL OR p.valid_from <= ?) AND (p.valid_to IS NULL OR p.valid_to >= ?)
     ORDER BY d.code`,
    [on, on, provinceCode, on, on],
  );
  const ids = districts.map((d) => d.id);
  if (!ids.length) return { data: { province: { districts: [] } } };
  const targets = await db.all(
    `SELECT t.id AS term_id, t.unit_id, t.start_year, t.end_year, tg.indicator_id, tg.value, tg.comparator, i.decimals
     FROM term t JOIN target tg ON tg.term_id = t.id JOIN indicator i ON i.id = tg.indicator_id
     WHERE t.unit_id IN (${marks(ids.length)}) ORDER BY t.start_year DESC, t.id, tg.id`,
    ids,
  );
  const indicatorIds = [...new Set(targets.map((t) => t.indicator_id))];
  const observations = indicatorIds.length
    ? await db.all(
        `SELECT unit_id, indicator_id, period, start_month AS startMonth, end_month AS endMonth, value, status FROM observation
         WHERE unit_id IN (${marks(ids.length)}) AND indicator_id IN (${marks(indicatorIds.length)}) AND status <> 'FORECAST'`,
        [...ids, ...indicatorIds],
      )
    : [];
  const byKey = new Map<string, any[]>();
  for (const o of observations) {
    o.value = Number(o.value);
    const k = `${o.unit_id}|${o.indicator_id}`;
    (byKey.get(k) ?? byKey.set(k, []).get(k)!).push(o);
  }
  const terms = new Map<number, { unitId: number; counts: number[] }>();
  const termsOf = new Map<number, number[]>();
  for (const t of targets) {
    let term = terms.get(t.term_id);
    if (!term) {
      terms.set(t.term_id, (term = { unitId: t.unit_id, counts: [0, 0, 0, 0, 0, 0] }));
      (termsOf.get(t.unit_id) ?? termsOf.set(t.unit_id, []).get(t.unit_id)!).push(t.term_id);
    }
    const chosen = chooseObservation(
      byKey.get(`${t.unit_id}|${t.indicator_id}`) ?? [],
      termWindow(t.start_year, t.end_year),
      null,
    );
    const { band } = achievementBand(
      chosen ? chosen.value : null,
      Number(t.value),
      t.comparator as ComparatorValue,
      t.decimals,
    );
    term.counts[0]++;
    term.counts[['MET', 'ABOVE_80', 'FROM_50_TO_80', 'BELOW_50', 'NO_DATA'].indexOf(band) + 1]++;
  }
  return {
    data: {
      province: {
        districts: districts.map((d) => ({
          code: d.code,
          terms: (termsOf.get(d.id) ?? []).map((id) => {
            const [total, met, above80, from50To80, below50, noData] = terms.get(id)!.counts;
            const metShare = total ? exactRatio(met, total) : 0;
            return { scorecard: { total, met, above80, from50To80, below50, noData, metShare } };
          }),
        })),
      },
    },
  };
}

export interface PushRow {
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number;
  status: string;
  source: string | null;
  note: string | null;
  baseVersion: number;
}

/**
 * Codes to ids, then the stored rows by key, sorted, 10,000 keys a statement: a row-value IN list
 * (SQLite takes it as IN (VALUES …)). At national scale MariaDB reads a list of 500 keys by scanning
 * the table (3.4 s for 5,000 keys); from 1,000 values on it turns the list into a derived table it
 * joins by the key's index (in_predicate_conversion_threshold), as for the API's lists.
 */
async function readByKey(
  q: (sql: string, params: unknown[]) => Promise<any[]>,
  rows: PushRow[],
  mysqlRows: boolean,
  lock: string,
) {
  const unitCodes = [...new Set(rows.map((r) => r.unitCode))];
  const indicatorCodes = [...new Set(rows.map((r) => r.indicatorCode))];
  const units = new Map<string, number>(
    (
      await q(
        `SELECT code, id FROM admin_unit WHERE code IN (${marks(unitCodes.length)}) AND level <> 'PROVINCE' ORDER BY id`,
        unitCodes,
      )
    ).map((u) => [u.code, u.id]),
  );
  const indicators = new Map<string, number>(
    (await q(`SELECT code, id FROM indicator WHERE code IN (${marks(indicatorCodes.length)})`, indicatorCodes)).map(
      (i) => [i.code, i.id],
    ),
  );
  const keys = rows.map((r) => ({
    unitId: units.get(r.unitCode)!,
    indicatorId: indicators.get(r.indicatorCode)!,
    period: r.period,
  }));
  const stored = new Map<string, any>();
  const sorted = sortKeys(keys);
  for (let i = 0; i < sorted.length; i += 10_000) {
    const part = sorted.slice(i, i + 10_000);
    const found = await q(
      `SELECT id, unit_id, indicator_id, period, value, status, source, note, version FROM observation
       WHERE (unit_id, indicator_id, period) IN (${mysqlRows ? '' : 'VALUES '}${part.map(() => '(?, ?, ?)').join(', ')})${lock}`,
      part.flatMap((k) => [k.unitId, k.indicatorId, k.period]),
    );
    for (const o of found) stored.set(`${o.unit_id}|${o.indicator_id}|${o.period}`, o);
  }
  return keys.map((k) => stored.get(`${k.unitId}|${k.indicatorId}|${k.period}`) ?? null);
}

const pushAnswer = (rows: PushRow[], current: any[], dryRun: boolean, batchId: string | null) => {
  const outcomes = rows.map((r, index) => {
    const o = current[index];
    const outcome = !o
      ? 'CREATED'
      : o.version !== r.baseVersion
        ? 'CONFLICT'
        : Number(o.value) === r.value
          ? 'UNCHANGED'
          : 'UPDATED';
    return { index, outcome, code: outcome === 'CONFLICT' ? 'VERSION_CONFLICT' : null };
  });
  const n = (o: string) => outcomes.filter((x) => x.outcome === o).length;
  return {
    data: {
      pushObservations: {
        applied: !dryRun && n('CONFLICT') === 0,
        dryRun,
        created: n('CREATED'),
        updated: n('UPDATED'),
        unchanged: n('UNCHANGED'),
        rejected: n('CONFLICT'),
        batchId,
        rows: outcomes,
        userErrors: [],
      },
    },
  };
};

/** The read floor of a dry run: the same rows read by key and compared with their base versions. */
export async function readFloor(db: Db, rows: PushRow[]) {
  const current = await readByKey((sql, p) => db.all(sql, p), rows, db.mysql, '');
  return pushAnswer(rows, current, true, null);
}

/** The write floor of a push: read by key, then multi-row upserts and revision inserts, 1,000 rows a statement. */
export async function pushFloor(db: Db, rows: PushRow[]) {
  return db.tx(async (q) => {
    const current = await readByKey(q, rows, db.mysql, db.mysql ? ' FOR UPDATE' : '');
    const answer = pushAnswer(rows, current, false, `floor-${Date.now()}`);
    if (!answer.data.pushObservations.applied) return answer;
    const now = sqlDateTime(new Date());
    const cols =
      '(id, unit_id, indicator_id, period, start_month, end_month, value, status, source, note, version, updated_at, updated_by)';
    for (let i = 0; i < rows.length; i += 1000) {
      const part = rows.slice(i, i + 1000).map((r, j) => ({ r, o: current[i + j], p: parsePeriod(r.period) }));
      await q(
        `INSERT INTO observation ${cols} VALUES ${part.map(() => '(?,?,?,?,?,?,?,?,?,?,?,?,?)').join(',')} ${
          db.mysql
            ? 'ON DUPLICATE KEY UPDATE value = VALUES(value), status = VALUES(status), source = VALUES(source), note = VALUES(note), version = VALUES(version), updated_at = VALUES(updated_at), updated_by = VALUES(updated_by)'
            : 'ON CONFLICT(id) DO UPDATE SET value = excluded.value, status = excluded.status, source = excluded.source, note = excluded.note, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by'
        }`,
        part.flatMap(({ r, o, p }) => [
          o.id,
          o.unit_id,
          o.indicator_id,
          p.text,
          p.startMonth,
          p.endMonth,
          r.value,
          r.status,
          r.source,
          r.note,
          o.version + 1,
          now,
          'floor',
        ]),
      );
      await q(
        `INSERT INTO observation_revision (unit_id, indicator_id, period, version, action, value, previous_value, status, source, note, changed_at, changed_by)
         VALUES ${part.map(() => "(?,?,?,?,'UPDATE',?,?,?,?,?,?,'floor')").join(',')}`,
        part.flatMap(({ r, o }) => [
          o.unit_id,
          o.indicator_id,
          o.period,
          o.version + 1,
          r.value,
          o.value,
          r.status,
          r.source,
          r.note,
          now,
        ]),
      );
    }
    return answer;
  });
}

/** The floor's HTTP app: one POST route per API request the bench measures; JSON in, JSON out. */
export async function startFloor(db: Db): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '50mb' }));
  const route = (path: string, fn: (body: any) => Promise<unknown>) =>
    app.post(path, (req, res, next) => {
      fn(req.body).then(
        (out) => res.type('application/json').send(JSON.stringify(out)),
        (e) => next(e),
      );
    });
  route('/table', (b) => tableFloor(db, b.filter, b.first, b.after ?? null));
  route('/objects', (b) => objectsFloor(db, b.filter, b.first, b.after ?? null));
  route('/ranking', (b) => rankingFloor(db, b.provinceCode, b.indicatorCode, b.period));
  route('/scorecards', (b) => scorecardsFloor(db, b.provinceCode, b.on));
  route('/read', (b) => readFloor(db, b.rows));
  route('/push', (b) => pushFloor(db, b.rows));
  app.post('/ping', (_req, res) => res.type('application/json').send('{"data":{"__typename":"Query"}}'));
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
