import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push, type PushRow } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

const TABLE = `query($f: ObservationFilter!) { observationTable(filter: $f, first: 50000) { rows } }`;

/**
 * A reader never sees half of an atomic push: every read during a 6,000-row push (written in several
 * multi-row statements) shows all old values or all new ones. MariaDB: transaction isolation. SQLite:
 * better-sqlite3 is synchronous, so a transaction runs to its end before another *request's* statements
 * run. That guarantee is the request boundary's, not the services': a reader calling the services in the
 * same process during the push does see part of it on SQLite, so this test stays at the HTTP tier.
 */
describeEachDb('reads during an atomic push', (db) => {
  let t: TestServer;
  const rows: PushRow[] = [];
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    ok(
      await t.gql(
        `mutation { createIndicator(input: { code: "ISO", name: "Isolation", unit: "tỷ đồng", direction: HIGHER_IS_BETTER, category: "Test", decimals: 0 }) { userErrors { code } } }`,
      ),
    );
    const districts = ok(
      await t.gql('{ province(code: "38") { districts(activeOn: "2025-06-01") { code } } }'),
    ).province.districts.map((d: { code: string }) => d.code);
    for (const unitCode of districts)
      for (let m = 1; m <= 12; m++)
        for (let y = 2000; y <= 2024; y++) {
          if (rows.length < 6000)
            rows.push({ unitCode, indicatorCode: 'ISO', period: `${y}-${String(m).padStart(2, '0')}`, value: 1 });
        }
    expect((await push(t, rows)).created).toBe(6000);
  });
  afterAll(() => t?.stop());

  it('every concurrent read sees all old or all new values', async () => {
    const versions = new Map<string, number>();
    for (const r of ok(await t.gql(TABLE, { f: { indicatorCodes: ['ISO'] } })).observationTable.rows)
      versions.set(`${r[0]}|${r[2]}`, r[7]);
    const update = rows.map((r) => ({ ...r, value: 2, baseVersion: versions.get(`${r.unitCode}|${r.period}`) }));
    let done = false;
    const pushing = push(t, update).finally(() => (done = true));
    const seen: string[] = [];
    while (!done) {
      const values: number[] = ok(await t.gql(TABLE, { f: { indicatorCodes: ['ISO'] } })).observationTable.rows.map(
        (r: unknown[]) => r[3] as number,
      );
      const distinct = [...new Set(values)].sort().join(',');
      seen.push(distinct);
      expect(values, `a read saw values {${distinct}}`).toHaveLength(6000);
      expect(['1', '2']).toContain(distinct);
    }
    expect((await pushing).updated).toBe(6000);
    expect(seen.length).toBeGreaterThan(0);
  });
});
