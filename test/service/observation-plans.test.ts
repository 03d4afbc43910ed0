import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ObservationFilter } from '../../server/src/observations/observation.inputs';
import { describeEachDb } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * The plan of a page of `observations` / `observationTable` for every combination of the filter's
 * fields, read with EXPLAIN on a table large enough for the planners to choose as at national
 * scale: no plan may sort the whole observation table (a full scan, or a full index scan, feeding a
 * sort), and none may need a temporary table (MariaDB once started a filter without units from
 * `indicator` and sorted all 626,400 rows for a 1,000-row page). A sort of the rows an index
 * narrowed to (a province's, a unit's) is what ORDER BY id costs there, and is allowed.
 */
const FIELDS: Record<keyof ObservationFilter, unknown> = {
  unitCodes: ['392'],
  provinceCode: '38',
  indicatorCodes: ['GTSX', 'TD_TANG_GTSX'],
  periods: ['2024'],
  fromYear: 2024,
  toYear: 2024,
  statuses: ['OFFICIAL'],
  updatedSince: new Date('2026-06-01T00:00:00Z'),
};

/** Every subset of the filter's fields (2^8 = 256 filters). */
function combinations(): ObservationFilter[] {
  const names = Object.keys(FIELDS) as (keyof ObservationFilter)[];
  return Array.from({ length: 2 ** names.length }, (_, mask) =>
    Object.fromEntries(names.filter((_, i) => mask & (1 << i)).map((n) => [n, FIELDS[n]])),
  ) as ObservationFilter[];
}

/** What is wrong with a plan, or null. The observation table is `o` in the services' statements, `ObservationEntity` in TypeORM's finds. */
type Judge = (s: ServiceDb, sql: string, params: unknown[]) => Promise<string | null>;

/**
 * SQLite: EXPLAIN QUERY PLAN. The observation table read whole — a SCAN of o, or a SEARCH of its
 * primary key by `rowid>?` alone (the cursor's `id > after`, which bounds nothing on a first page) —
 * with a temp B-tree (a sort) is a sort of the whole table.
 */
const sqlitePlan: Judge = async (s, sql, params) => {
  const plan: { detail: string }[] = await s.ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
  const details = plan.map((p) => p.detail);
  const whole = details.some(
    (d) =>
      /^SCAN (o|ObservationEntity)\b/.test(d) ||
      /^SEARCH (o|ObservationEntity) USING INTEGER PRIMARY KEY \(rowid>\?\)$/.test(d),
  );
  return whole && details.some((d) => /TEMP B-TREE/.test(d)) ? details.join(' | ') : null;
};

const sizes = new WeakMap<ServiceDb, Promise<number>>();
const tableSize = (s: ServiceDb) => {
  if (!sizes.has(s))
    sizes.set(
      s,
      s.ds.query('SELECT COUNT(*) AS n FROM observation').then((r: { n: unknown }[]) => Number(r[0].n)),
    );
  return sizes.get(s)!;
};

/**
 * MariaDB/MySQL: EXPLAIN. No temporary table; no filesort of o read whole (type ALL, a full index
 * scan, the primary key's range `id > after`) or of most of it (the planner's estimate of rows).
 */
const mysqlPlan: Judge = async (s, sql, params) => {
  const plan: { table: string; type: string; key: string | null; rows: number; Extra: string | null }[] =
    await s.ds.query(`EXPLAIN ${sql}`, params);
  const text = () => plan.map((p) => `${p.table}:${p.type}:${p.key ?? '-'}:${p.rows}:${p.Extra ?? ''}`).join(' | ');
  if (plan.some((p) => /Using temporary/.test(p.Extra ?? ''))) return text();
  const o = plan.find((p) => p.table === 'o' || p.table === 'ObservationEntity');
  if (!o) return text();
  const n = await tableSize(s);
  const sorted = plan.some((p) => /Using filesort/.test(p.Extra ?? ''));
  const whole =
    o.type === 'ALL' ||
    o.type === 'index' ||
    (o.type === 'range' && o.key === 'PRIMARY') ||
    Number(o.rows) > Number(n) / 2;
  return sorted && whole ? text() : null;
};

describeEachDb('observation page plans', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
    // Every district before the reform × every indicator × 2024 and 2025 (~60,000 rows), 1 % written recently.
    const units: { id: number }[] = await s.ds.query("SELECT id FROM admin_unit WHERE level = 'DISTRICT'");
    const indicators: { id: number }[] = await s.ds.query('SELECT id FROM indicator');
    const rows: unknown[][] = [];
    let n = 0;
    for (const u of units)
      for (const i of indicators)
        for (const year of [2024, 2025]) {
          const recent = n++ % 100 === 0;
          rows.push([
            u.id,
            i.id,
            String(year),
            year * 12,
            year * 12 + 11,
            n % 1000,
            year === 2024 ? 'OFFICIAL' : 'ESTIMATED',
            1,
            recent ? '2026-11-01 00:00:00.000' : '2025-01-01 00:00:00.000',
          ]);
        }
    const cols = 'unit_id, indicator_id, period, start_month, end_month, value, status, version, updated_at';
    const insert = db === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
    for (let at = 0; at < rows.length; at += 2000) {
      const part = rows.slice(at, at + 2000);
      await s.ds.query(
        `${insert} INTO observation (${cols}) VALUES ${part.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        part.flat(),
      );
    }
    if (db === 'mysql') await s.ds.query('ANALYZE TABLE observation, admin_unit, indicator');
  }, 300_000);
  afterAll(() => s?.close());

  it('has at least the rows to plan as at national scale', async () => {
    const n = await tableSize(s);
    expect(Number(n)).toBeGreaterThan(50_000);
  });

  it('never sorts the whole observation table nor needs a temporary table, for any filter, first page or later', async () => {
    const judge = db === 'mysql' ? mysqlPlan : sqlitePlan;
    const bad: string[] = [];
    const filters = combinations();
    expect(filters).toHaveLength(256);
    for (const filter of filters) {
      for (const after of [null, Buffer.from('o:1000').toString('base64url')]) {
        const { query } = await s.services.observations.pageQuery(filter, 1000, after);
        const [sql, params] = query.getQueryAndParameters();
        const problem = await judge(s, sql, params);
        if (problem) bad.push(`${JSON.stringify(filter)}${after ? ' (after)' : ''}: ${problem}`);
      }
    }
    expect(bad).toEqual([]);
  }, 120_000);

  // A CURRENT read recomputes the whole selection for each page (every value of a national filter),
  // so this runs every filter of at most two fields rather than all 128; updatedSince is refused
  // with CURRENT (it reads stored values only).
  it('with boundaries CURRENT, no statement on the observation table sorts it whole or needs a temporary table, for every filter of up to two fields', async () => {
    const judge = db === 'mysql' ? mysqlPlan : sqlitePlan;
    const bad: string[] = [];
    let checked = 0;
    const filters = combinations().filter((f) => !f.updatedSince && Object.keys(f).length <= 2);
    expect(filters).toHaveLength(29);
    for (const filter of filters) {
      s.counter.reset();
      await s.services.boundaryReads.connection(filter, '2025-12-31', 1000, null);
      const statements = s.counter.statements.map((sql, i) => [sql, s.counter.parameters[i]] as const);
      for (const [sql, params] of statements) {
        if (!/FROM\s+[`"]?observation[`"]?\s/i.test(sql)) continue;
        checked++;
        const problem = await judge(s, sql, params);
        if (problem) bad.push(`${JSON.stringify(filter)}: ${problem}`);
      }
    }
    expect(checked).toBeGreaterThan(0);
    expect(bad).toEqual([]);
  }, 300_000);

  it('the check refuses a plan that sorts the whole table (ORDER BY a column no index orders), and the old join of the table page on MariaDB', async () => {
    const judge = db === 'mysql' ? mysqlPlan : sqlitePlan;
    const { query } = await s.services.observations.pageQuery({ fromYear: 2024 }, 1000, null);
    const [sorted, params] = query.clone().orderBy('o.value', 'ASC').getQueryAndParameters();
    expect(await judge(s, sorted, params)).not.toBeNull();
    // What observationTable ran before: the page joined to its units and indicators in one statement.
    const [joined, joinedParams] = query
      .clone()
      .innerJoin('admin_unit', 'u', 'u.id = o.unit_id')
      .innerJoin('indicator', 'i', 'i.id = o.indicator_id')
      .addSelect(['u.code AS unit_code', 'i.code AS indicator_code'])
      .getQueryAndParameters();
    if (db === 'mysql') expect(await judge(s, joined, joinedParams)).not.toBeNull();
  });

  it('reads a national page (no unit filter) in id order from the primary key, without a sort', async () => {
    const { query } = await s.services.observations.pageQuery({ fromYear: 2024 }, 1000, null);
    const [sql, params] = query.getQueryAndParameters();
    if (db === 'mysql') {
      const plan: { table: string; key: string | null; Extra: string | null }[] = await s.ds.query(
        `EXPLAIN ${sql}`,
        params,
      );
      expect(plan.map((p) => [p.table, p.key, /filesort|temporary/.test(p.Extra ?? '')])).toEqual([
        ['o', 'PRIMARY', false],
      ]);
    } else {
      const plan: { detail: string }[] = await s.ds.query(`EXPLAIN QUERY PLAN ${sql}`, params);
      expect(plan.map((p) => p.detail).join(' | ')).not.toMatch(/TEMP B-TREE/);
    }
  });
});
