import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCliHarness, type CliHarness } from '../helpers/cli';
import { describeEachDb } from '../helpers/databases';
import { push, readBack } from '../helpers/push';
import { ok, type TestServer } from '../helpers/server';

const UNITS = 'code,name,type,level,parent_code';
const LINEAGE = 'old_code,old_level,new_code,new_level,kind';

// A fictional reorganisation of Thanh Hóa (38) on 2027-01-01: Hàm Rồng (14758) and Hạc Thành (14797)
// merge into a new commune 99001; Bỉm Sơn (14812) is renamed, 1→1, keeping its code.
const MERGED = '99001';

describeEachDb('command line: units import (a future reorganisation from CSVs)', (db) => {
  let t: TestServer;
  let h: CliHarness;
  beforeAll(async () => {
    h = await startCliHarness(db, 'chitieu-units-');
    t = h.t;
  });
  afterAll(() => h?.stop());

  const cli = (...argv: string[]) => h.cli(...argv);
  const csv = (name: string, header: string, lines: string[]) => h.file(name, [header, ...lines]);
  const snapshot = async () => ({
    units: await t.server.ds.query('SELECT id, code, name, valid_from, valid_to, communes FROM admin_unit ORDER BY id'),
    links: await t.server.ds.query('SELECT COUNT(*) AS n FROM unit_lineage'),
    meta: await t.server.ds.query('SELECT meta_key FROM app_meta ORDER BY meta_key'),
  });
  const communesOf38 = async (on: string) =>
    (
      ok(
        await t.gql(
          'query($on: Date) { adminUnits(provinceCode: "38", level: COMMUNE, on: $on, first: 1000) { code name } }',
          { on },
        ),
      ).adminUnits as { code: string; name: string }[]
    ).map((u) => u.code);

  it('merges two communes into a new one and renames a third, from the effective date', async () => {
    const row = (unitCode: string, value: number) => ({
      unitCode,
      indicatorCode: 'THU_NHAP_BQ',
      period: '2026',
      value,
    });
    const pushed = await push(t, [row('14758', 61), row('14797', 62), row('14812', 63)]);
    expect(pushed.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED']);
    const before = ok(
      await t.gql('{ a: commune(code: "14812") { id name } p: province(code: "38") { communes { code } } }'),
    );
    const units = csv('units-2027.csv', UNITS, [
      `${MERGED},Phường Hàm Rồng Hạc Thành,Phường,commune,38`,
      '14812,Phường Bỉm Sơn Mới,Phường,commune,38',
    ]);
    const lineage = csv('lineage-2027.csv', LINEAGE, [
      `14758,commune,${MERGED},commune,full`,
      `14797,commune,${MERGED},commune,full`,
      '14812,commune,14812,commune,full',
    ]);
    const cursor = ok(await t.gql('{ changesCursor }')).changesCursor;
    const done = await cli('units', 'import', '--units', units, '--lineage', lineage, '--effective', '2027-01-01');
    expect(done.err).toBe('');
    expect(done.code).toBe(0);
    // The change feed tells a mirror which units ended, were renamed and were created, in one transaction.
    const feed = ok(
      await t.gql('query($a: String) { changes(after: $a) { nodes { sequence kind action unitCode changedBy } } }', {
        a: cursor,
      }),
    ).changes.nodes;
    expect(new Set(feed.map((e: any) => e.sequence)).size).toBe(1);
    expect(feed.map((e: any) => [e.kind, e.action, e.unitCode, e.changedBy])).toEqual([
      ['UNIT', 'UPDATE', '14758', 'units import'],
      ['UNIT', 'UPDATE', '14797', 'units import'],
      ['UNIT', 'UPDATE', '14812', 'units import'],
      ['UNIT', 'CREATE', MERGED, 'units import'],
    ]);
    expect(done.out).toContain('effective 2027-01-01: 2 units end on the day before, 1 carry on');
    expect(done.out).toContain('1 communes are new, 2 lineage links');

    const merged = ok(
      await t.gql(
        `{ commune(code: "${MERGED}", on: "2027-01-01") { name validFrom validTo province { code }
            predecessors { kind date unit { code validTo } } } }`,
      ),
    ).commune;
    expect(merged).toMatchObject({ name: 'Phường Hàm Rồng Hạc Thành', validFrom: '2027-01-01', validTo: null });
    expect(merged.province.code).toBe('38');
    expect(merged.predecessors.map((l: any) => [l.unit.code, l.kind, l.date, l.unit.validTo]).sort()).toEqual([
      ['14758', 'FULL', '2027-01-01', '2026-12-31'],
      ['14797', 'FULL', '2027-01-01', '2026-12-31'],
    ]);
    expect(ok(await t.gql(`{ commune(code: "${MERGED}", on: "2026-12-31") { code } }`)).commune).toBeNull();

    const lastDay = await communesOf38('2026-12-31');
    const firstDay = await communesOf38('2027-01-01');
    expect(lastDay).toEqual(expect.arrayContaining(['14758', '14797', '14812']));
    expect(lastDay).not.toContain(MERGED);
    expect(firstDay).toEqual(expect.arrayContaining([MERGED, '14812']));
    expect(firstDay).not.toContain('14758');
    expect(firstDay).not.toContain('14797');
    expect(firstDay).toHaveLength(lastDay.length - 1);
    expect(before.p.communes).toHaveLength(lastDay.length);

    // The renamed commune is the same unit, with no end date and no lineage link to itself.
    const renamed = ok(
      await t.gql(
        '{ a: commune(code: "14812", on: "2026-06-01") { id name validTo predecessors { date } } b: commune(code: "14812", on: "2027-06-01") { id name } }',
      ),
    );
    expect(renamed.a).toMatchObject({ id: before.a.id, name: 'Phường Bỉm Sơn Mới', validTo: null });
    expect(renamed.a.predecessors.map((l: { date: string }) => l.date)).not.toContain('2027-01-01');
    expect(renamed.b).toEqual({ id: before.a.id, name: 'Phường Bỉm Sơn Mới' });

    // The old communes' figures are intact.
    const figures = await readBack(t, ['14758', '14797', '14812']);
    expect([...figures].map(([k, v]) => [k, v.value]).sort()).toEqual([
      ['14758|THU_NHAP_BQ|2026', 61],
      ['14797|THU_NHAP_BQ|2026', 62],
      ['14812|THU_NHAP_BQ|2026', 63],
    ]);

    // The same date again is refused, and changes nothing.
    const state = await snapshot();
    const again = await cli('units', 'import', '--units', units, '--lineage', lineage, '--effective', '2027-01-01');
    expect(again.code).toBe(1);
    expect(again.err).toContain('effective 2027-01-01 is already imported');
    expect(await snapshot()).toEqual(state);
  });

  it('refuses a CSV naming an unknown parent, a malformed row or an earlier date, and changes nothing', async () => {
    const state = await snapshot();
    const lineage = csv('lineage-2028.csv', LINEAGE, [`${MERGED},commune,99002,commune,full`]);
    const unknownParent = csv('units-2028.csv', UNITS, ['99002,Phường Mới,Phường,commune,99']);
    const r1 = await cli(
      'units',
      'import',
      '--units',
      unknownParent,
      '--lineage',
      lineage,
      '--effective',
      '2028-01-01',
    );
    expect(r1.code).toBe(1);
    expect(r1.err).toContain('units-2028.csv line 2: commune 99002 names parent 99');

    const malformed = csv('bad-2028.csv', UNITS, ['99002,Phường Mới,Phường,hamlet,38']);
    const r2 = await cli('units', 'import', '--units', malformed, '--lineage', lineage, '--effective', '2028-01-01');
    expect(r2.code).toBe(1);
    expect(r2.err).toContain('bad-2028.csv line 2: level "hamlet"');

    const unknownOld = csv('lineage-bad.csv', LINEAGE, ['14758,commune,99002,commune,full']);
    const good = csv('units-2028-ok.csv', UNITS, ['99002,Phường Mới,Phường,commune,38']);
    const r3 = await cli('units', 'import', '--units', good, '--lineage', unknownOld, '--effective', '2028-01-01');
    expect(r3.code).toBe(1);
    expect(r3.err).toContain('old commune 14758 is not a unit in force on 2027-12-31');

    const r4 = await cli('units', 'import', '--units', good, '--lineage', lineage, '--effective', '2026-07-01');
    expect(r4.code).toBe(1);
    expect(r4.err).toContain('import in date order');

    const r5 = await cli('units', 'import', '--units', good, '--lineage', lineage, '--effective', '2028-02-30');
    expect(r5.code).toBe(1);
    expect(r5.err).toContain('YYYY-MM-DD');

    // A province ends but its communes are not in the lineage: they would carry on without a parent.
    const provinces = csv('provinces-2028.csv', UNITS, ['98,Tỉnh Mới,Tỉnh,province,']);
    const provinceLineage = csv('province-lineage-2028.csv', LINEAGE, ['38,province,98,province,full']);
    const r6 = await cli(
      'units',
      'import',
      '--units',
      provinces,
      '--lineage',
      provinceLineage,
      '--effective',
      '2028-01-01',
    );
    expect(r6.code).toBe(1);
    expect(r6.err).toContain('whose parent ends then but which are not in province-lineage-2028.csv: commune');

    expect(await snapshot()).toEqual(state);
    const usage = await cli('units', 'import', '--units', good);
    expect(usage.code).toBe(2);
  });

  it('refuses the 2025 reorganisation again (the start-up loader recorded it)', async () => {
    const state = await snapshot();
    const units = csv('u.csv', UNITS, ['99003,Phường X,Phường,commune,38']);
    const lineage = csv('l.csv', LINEAGE, []);
    const r = await cli('units', 'import', '--units', units, '--lineage', lineage, '--effective', '2025-07-01');
    expect(r.code).toBe(1);
    expect(r.err).toContain('already imported');
    expect(await snapshot()).toEqual(state);
  });
});
