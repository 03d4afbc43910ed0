import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push, type PushRow } from '../helpers/push';
import { errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/** provinceRollUp: the province figure recomputed from its units beside the one it reported. */
describeEachDb('provinceRollUp', (db) => {
  let t: TestServer;
  const districts: Record<string, { code: string; id: string }[]> = {};
  const ids: Record<string, string> = {};

  const ROW =
    'indicatorCode period year level reported reportedStatus reportedDerived rolledUp difference units reporting complete';
  const rollUp = async (args: string) =>
    ok(await t.gql(`{ provinceRollUp(${args}) { ${ROW} } }`)).provinceRollUp as any[];
  const write = async (rows: PushRow[]) => expect((await push(t, rows)).applied).toBe(true);

  beforeAll(async () => {
    t = await startTestServer(db);
    for (const code of ['35', '36', '37', '38']) {
      const p = ok(
        await t.gql(
          `{ province(code: "${code}", on: "2023-06-01") { id districts(activeOn: "2023-12-31") { code id } } }`,
        ),
      ).province;
      ids[code] = p.id;
      districts[code] = p.districts;
    }
    ids.merged = ok(await t.gql('{ province(code: "37") { id } }')).province.id;
  });

  it('a province code in a period when it no longer existed: an empty roll-up, never a 500 (found by the fuzz on MariaDB)', async () => {
    const res = await t.gql('{ provinceRollUp(provinceCode: "36", periods: ["2025-Q3"]) { indicatorCode } }');
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL');
  });
  afterAll(() => t?.stop());

  it('sums Thanh Hóa’s districts beside the province’s own figure, with the exact difference and who is missing', async () => {
    const [a, b, c] = districts['38'];
    await write([
      { unitCode: a.code, indicatorCode: 'VON_DAU_TU_XH', period: '2019', value: 100.1 },
      { unitCode: b.code, indicatorCode: 'VON_DAU_TU_XH', period: '2019', value: 200.2 },
      { unitCode: c.code, indicatorCode: 'VON_DAU_TU_XH', period: '2019', value: 300.3 },
      { unitCode: '38', indicatorCode: 'VON_DAU_TU_XH', period: '2019', value: 650 },
    ]);
    const rows = await rollUp('provinceCode: "38", indicatorCodes: ["VON_DAU_TU_XH"], periods: ["2019"]');
    const n = ok(
      await t.gql('{ province(code: "38", on: "2019-12-31") { districts(activeOn: "2019-12-31") { code } } }'),
    ).province.districts.length;
    expect(rows).toEqual([
      {
        indicatorCode: 'VON_DAU_TU_XH',
        period: '2019',
        year: 2019,
        level: 'DISTRICT',
        reported: 650,
        reportedStatus: 'OFFICIAL',
        reportedDerived: false,
        rolledUp: 600.6,
        difference: 49.4,
        units: n,
        reporting: 3,
        complete: false,
      },
    ]);
    expect(650 - (100.1 + 200.2 + 300.3)).not.toBe(49.4);
  });

  it('weighs a mean by its weight indicator and leaves NONE indicators without a roll-up', async () => {
    const [a, b] = districts['38'];
    await write([
      { unitCode: a.code, indicatorCode: 'THU_NHAP_BQ', period: '2018', value: 40 },
      { unitCode: b.code, indicatorCode: 'THU_NHAP_BQ', period: '2018', value: 50 },
      { unitCode: a.code, indicatorCode: 'DAN_SO_TB', period: '2018', value: 100000 },
      { unitCode: b.code, indicatorCode: 'DAN_SO_TB', period: '2018', value: 300000 },
      { unitCode: a.code, indicatorCode: 'TD_TANG_GTSX', period: '2018', value: 7 },
      { unitCode: '38', indicatorCode: 'TD_TANG_GTSX', period: '2018', value: 7.5 },
    ]);
    const rows = await rollUp('provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ", "TD_TANG_GTSX"], periods: ["2018"]');
    expect(rows.map((r) => [r.indicatorCode, r.reported, r.rolledUp, r.difference, r.reporting])).toEqual([
      ['TD_TANG_GTSX', 7.5, null, null, 1],
      ['THU_NHAP_BQ', null, 47.5, null, 2],
    ]);
    // The demo's 2023 incomes of Hà Trung and Cẩm Thủy have no population beside them: the row is
    // there, with nothing to weigh.
    const unweighted = await rollUp('provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ"], periods: ["2023"]');
    expect(unweighted.map((r) => [r.reported, r.rolledUp, r.reporting, r.complete])).toEqual([[null, null, 0, false]]);
  });

  it('after the reform rolls Thanh Hóa up from its 166 communes', async () => {
    const communes = ok(await t.gql('{ province(code: "38") { communes { code id } } }')).province.communes;
    expect(communes).toHaveLength(166);
    await write([
      { unitCode: communes[0].code, indicatorCode: 'SO_HO_NGHEO', period: '2026', value: 12 },
      { unitCode: communes[1].code, indicatorCode: 'SO_HO_NGHEO', period: '2026', value: 30 },
      { unitCode: '38', indicatorCode: 'SO_HO_NGHEO', period: '2026', value: 40 },
    ]);
    const rows = await rollUp('provinceCode: "38", indicatorCodes: ["SO_HO_NGHEO"], fromYear: 2026');
    expect(rows.map((r) => [r.level, r.reported, r.rolledUp, r.difference, r.units, r.reporting])).toEqual([
      ['COMMUNE', 40, 42, -2, 166, 2],
    ]);
  });

  it('on current boundaries, merged Ninh Bình’s 2023 comes from old 35, 36, 37 and their districts', async () => {
    const rows: PushRow[] = [];
    for (const [i, code] of ['35', '36', '37'].entries()) {
      rows.push({
        unitCode: code,
        unitId: ids[code],
        indicatorCode: 'VON_DAU_TU_XH',
        period: '2023',
        value: 1000 * (i + 1),
      });
      rows.push({
        unitCode: districts[code][0].code,
        indicatorCode: 'VON_DAU_TU_XH',
        period: '2023',
        value: 100.1 * (i + 1),
      });
    }
    await write(rows);
    const all = districts['35'].length + districts['36'].length + districts['37'].length;
    const current = await rollUp(
      'provinceCode: "37", indicatorCodes: ["VON_DAU_TU_XH"], periods: ["2023"], boundaries: CURRENT',
    );
    expect(current).toEqual([
      expect.objectContaining({
        level: 'DISTRICT',
        reported: 6000,
        reportedDerived: true,
        rolledUp: 600.6,
        difference: 5399.4,
        units: all,
        reporting: 3,
        complete: false,
      }),
    ]);
    // As reported, 37 in 2023 is old Ninh Bình with its own districts only.
    const reported = await rollUp('provinceCode: "37", indicatorCodes: ["VON_DAU_TU_XH"], periods: ["2023"]');
    expect(reported.map((r) => [r.reported, r.reportedDerived, r.rolledUp, r.units])).toEqual([
      [3000, false, 300.3, districts['37'].length],
    ]);
  });

  it('refuses an unknown province and on without CURRENT', async () => {
    expect(errorReason(await t.gql('{ provinceRollUp(provinceCode: "99") { period } }'))).toBe('UNKNOWN_UNIT');
    expect(errorReason(await t.gql('{ provinceRollUp(provinceCode: "38", on: "2025-01-01") { period } }'))).toBe(
      'ON_WITHOUT_BOUNDARIES',
    );
  });
});
