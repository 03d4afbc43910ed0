import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push } from '../helpers/push';
import { errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * History on today's boundaries: `boundaries: CURRENT` combines the figures of units that merged
 * into the units that succeeded them, by each indicator's rule, and says so.
 */
describeEachDb('observations with boundaries CURRENT', (db) => {
  let t: TestServer;
  const ids: Record<string, string> = {};
  /** old provinces 35 Hà Nam, 36 Nam Định, 37 Ninh Bình went wholly into the merged Ninh Bình (37). */
  const OLD = ['35', '36', '37'];

  const FIELDS = `unit { id code validFrom } indicator { code } period value status derived complete version
    contributors { code validTo }`;
  const read = async (filter: Record<string, unknown>, extra = '') =>
    ok(
      await t.gql(
        `query($f: ObservationFilter!) { observations(filter: $f, first: 1000, boundaries: CURRENT${extra}) {
          totalCount nodes { ${FIELDS} } } }`,
        { f: filter },
      ),
    ).observations as { totalCount: number; nodes: any[] };

  beforeAll(async () => {
    t = await startTestServer(db);
    for (const code of OLD)
      ids[code] = ok(await t.gql(`{ province(code: "${code}", on: "2025-06-01") { id } }`)).province.id;
    ids.merged = ok(await t.gql('{ province(code: "37") { id } }')).province.id;
    const rows = [
      // VON_DAU_TU_XH (SUM): all three in 2023, two of three in 2022.
      ['35', 'VON_DAU_TU_XH', '2023', 100.1],
      ['36', 'VON_DAU_TU_XH', '2023', 200.2],
      ['37', 'VON_DAU_TU_XH', '2023', 300.3],
      ['35', 'VON_DAU_TU_XH', '2022', 1000.05],
      ['37', 'VON_DAU_TU_XH', '2022', 2000.15],
      // THU_NHAP_BQ (WEIGHTED_MEAN by DAN_SO_TB).
      ['35', 'THU_NHAP_BQ', '2023', 50],
      ['36', 'THU_NHAP_BQ', '2023', 60],
      ['37', 'THU_NHAP_BQ', '2023', 55],
      ['35', 'DAN_SO_TB', '2023', 800],
      ['36', 'DAN_SO_TB', '2023', 1800],
      ['37', 'DAN_SO_TB', '2023', 1000],
      // TD_TANG_GTSX (NONE): a growth rate cannot be combined.
      ['35', 'TD_TANG_GTSX', '2023', 7.1],
      ['36', 'TD_TANG_GTSX', '2023', 6.2],
    ] as const;
    const payload = await push(
      t,
      rows.map(([code, indicatorCode, period, value]) => ({
        unitCode: code,
        unitId: ids[code],
        indicatorCode,
        period,
        value,
        status: code === '36' && period === '2023' ? 'ESTIMATED' : 'OFFICIAL',
      })),
    );
    expect(payload.applied).toBe(true);
  });
  afterAll(() => t?.stop());

  it("sums old 35 + 36 + 37 into the merged Ninh Bình's 2023 investment, exactly, and says where it comes from", async () => {
    const { nodes } = await read({ unitCodes: ['37'], indicatorCodes: ['VON_DAU_TU_XH'], periods: ['2023'] });
    expect(nodes).toEqual([
      {
        unit: { id: ids.merged, code: '37', validFrom: '2025-07-01' },
        indicator: { code: 'VON_DAU_TU_XH' },
        period: '2023',
        value: 600.6, // 100.1 + 200.2 + 300.3 in binary floating point is 600.5999999999999
        status: 'ESTIMATED', // the least final of the three
        derived: true,
        complete: true,
        version: 0,
        contributors: OLD.map((code) => ({ code, validTo: '2025-06-30' })),
      },
    ]);
    expect(100.1 + 200.2 + 300.3).not.toBe(600.6);
  });

  it('marks a figure with a missing contributor incomplete (2022: Nam Định did not report)', async () => {
    const { nodes } = await read({ unitCodes: ['37'], indicatorCodes: ['VON_DAU_TU_XH'], periods: ['2022'] });
    expect(nodes.map((n) => [n.value, n.complete, n.contributors.map((c: any) => c.code)])).toEqual([
      [3000.2, false, ['35', '37']],
    ]);
  });

  it('weighs income per person by population (WEIGHTED_MEAN), rounded to 6 decimals', async () => {
    const { nodes } = await read({ unitCodes: ['37'], indicatorCodes: ['THU_NHAP_BQ'], periods: ['2023'] });
    // (50 × 800 + 60 × 1800 + 55 × 1000) / 3600 = 203000 / 3600 = 56.3888…
    expect(nodes.map((n) => [n.value, n.complete, n.derived])).toEqual([[56.388889, true, true]]);
  });

  it('derives nothing for a NONE indicator with several predecessors', async () => {
    const { nodes } = await read({ unitCodes: ['37'], indicatorCodes: ['TD_TANG_GTSX'] });
    expect(nodes).toEqual([]);
  });

  it('keeps the figures as reported with AS_REPORTED (the default)', async () => {
    const res = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["37"], indicatorCodes: ["VON_DAU_TU_XH"] }) {
        nodes { unit { id } period value derived complete contributors { code } } } }`),
    );
    expect(res.observations.nodes.sort((a: any, b: any) => (a.period < b.period ? -1 : 1))).toEqual([
      { unit: { id: ids['37'] }, period: '2022', value: 2000.15, derived: false, complete: true, contributors: [] },
      { unit: { id: ids['37'] }, period: '2023', value: 300.3, derived: false, complete: true, contributors: [] },
    ]);
  });

  it("lets the merged unit's own report stand over a figure derived from its predecessors", async () => {
    // 2025: the old provinces reported the year they ended in, and so did the merged one.
    const rows = [
      { unitCode: '35', unitId: ids['35'], indicatorCode: 'VON_DAU_TU_XH', period: '2025', value: 10 },
      { unitCode: '36', unitId: ids['36'], indicatorCode: 'VON_DAU_TU_XH', period: '2025', value: 20 },
    ];
    expect((await push(t, rows)).applied).toBe(true);
    const q = { unitCodes: ['37'], indicatorCodes: ['VON_DAU_TU_XH'], periods: ['2025'] };
    expect((await read(q)).nodes.map((n) => [n.value, n.derived, n.complete])).toEqual([[30, true, false]]);
    const own = [{ unitCode: '37', unitId: ids.merged, indicatorCode: 'VON_DAU_TU_XH', period: '2025', value: 7000 }];
    expect((await push(t, own)).applied).toBe(true);
    try {
      expect((await read(q)).nodes.map((n) => [n.value, n.derived, n.version])).toEqual([[7000, false, 1]]);
    } finally {
      await push(
        t,
        [...rows, ...own].map((r) => ({ ...r, value: null })),
      );
    }
  });

  it("shows Ý Yên's history under Ninh Bình and Trà Cú's under Vĩnh Long, as reported by the districts", async () => {
    const nb = await read({ provinceCode: '37' });
    const codes = new Set(nb.nodes.map((n) => n.unit.code));
    expect(codes.has('360')).toBe(true); // Huyện Ý Yên, Nam Định
    const yYen = nb.nodes.filter((n) => n.unit.code === '360');
    expect(yYen.every((n) => !n.derived && n.complete && n.version >= 1)).toBe(true);
    const asReported = ok(await t.gql(`{ observations(filter: { unitCodes: ["360"] }) { totalCount } }`)).observations
      .totalCount;
    expect(yYen.length).toBe(asReported);
    expect(asReported).toBeGreaterThan(0);
    // Province figures are not the province's children: the merged province's derived rows are absent.
    expect(codes.has('37')).toBe(false);

    const vl = await read({ provinceCode: '86' });
    expect(vl.nodes.some((n) => n.unit.code === '849')).toBe(true); // Huyện Trà Cú, Trà Vinh
    // AS_REPORTED, Vĩnh Long's province filter does not reach Trà Vinh's districts.
    const vlReported = ok(await t.gql(`{ observations(filter: { provinceCode: "86" }) { totalCount } }`));
    expect(vlReported.observations.totalCount).toBe(0);
  });

  it('combines old communes into the commune they formed: a renamed commune keeps even a NONE figure', async () => {
    // 00859 after the reform took over exactly one commune (00859 before), wholly.
    const before = ok(await t.gql('{ commune(code: "00859", on: "2025-06-01") { id } }')).commune.id;
    const after = ok(await t.gql('{ commune(code: "00859") { id predecessors { kind unit { id } } } }')).commune;
    expect(after.predecessors).toEqual([{ kind: 'FULL', unit: { id: before } }]);
    const payload = await push(t, [
      { unitCode: '00859', unitId: before, indicatorCode: 'TD_TANG_GTSX', period: '2024', value: 8.25 },
    ]);
    expect(payload.applied).toBe(true);
    const { nodes } = await read({ unitCodes: ['00859'], indicatorCodes: ['TD_TANG_GTSX'] });
    expect(nodes.map((n) => [n.unit.id, n.value, n.derived, n.complete])).toEqual([[after.id, 8.25, true, true]]);
  });

  it('flags a commune formed partly from communes that also went elsewhere as incomplete', async () => {
    // 00097 (Phường Hoàn Kiếm, Hà Nội) took 00001, 00037, 00067 wholly and parts of others.
    const c = ok(await t.gql('{ commune(code: "00097") { id predecessors { kind unit { id code } } } }')).commune;
    const parts = c.predecessors.map((p: any) => ({ ...p.unit, kind: p.kind }));
    expect(parts.some((p: any) => p.kind === 'PARTIAL')).toBe(true);
    const payload = await push(
      t,
      parts.map((p: any, i: number) => ({
        unitCode: p.code,
        unitId: p.id,
        indicatorCode: 'SO_HO_NGHEO',
        period: '2024',
        value: i + 1,
      })),
    );
    expect(payload.applied).toBe(true);
    const { nodes } = await read({ unitCodes: ['00097'], indicatorCodes: ['SO_HO_NGHEO'] });
    const n = parts.length;
    expect(nodes.map((x) => [x.unit.id, x.value, x.derived, x.complete, x.contributors.length])).toEqual([
      [c.id, (n * (n + 1)) / 2, true, false, n],
    ]);
  });

  it('pages by key with stable cursors and serves the same values as a compact table', async () => {
    const filter = { provinceCode: '37', fromYear: 2020 };
    const all = await read(filter);
    const seen: any[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(
        await t.gql(
          `query($f: ObservationFilter!, $a: String) { observations(filter: $f, first: 7, after: $a, boundaries: CURRENT) {
            pageInfo { hasNextPage endCursor } nodes { unit { code } indicator { code } period value } } }`,
          { f: filter, a: after },
        ),
      ).observations;
      seen.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen.length).toBe(all.totalCount);
    expect(seen).toEqual(
      all.nodes.map((n) => ({ unit: { code: n.unit.code }, indicator: n.indicator, period: n.period, value: n.value })),
    );
    const table = ok(
      await t.gql(
        `query($f: ObservationFilter!) { observationTable(filter: $f, first: 50000, boundaries: CURRENT) { columns rows totalCount } }`,
        { f: { unitCodes: ['37'], indicatorCodes: ['VON_DAU_TU_XH'], periods: ['2023'] } },
      ),
    ).observationTable;
    const col = (name: string) => table.columns.indexOf(name);
    const row = table.rows[0];
    expect([row[col('unitCode')], row[col('unitId')], row[col('value')], row[col('derived')]]).toEqual([
      '37',
      ids.merged,
      600.6,
      true,
    ]);
    expect([row[col('complete')], row[col('contributors')], row[col('version')]]).toEqual([true, '35, 36, 37', 0]);
  });

  it('compares and ranks communes of the merged Ninh Bình on current boundaries, with Ý Yên among the districts', async () => {
    // Phường Phù Vân (13291) took old 13291, 13306, 13426 wholly; Phường Châu Sơn (13318) old 13318, 13441, 13459.
    const write = [
      ['13291', 10.5],
      ['13306', 20.25],
      ['13426', 30],
      ['13318', 70],
      ['13441', 1.5],
    ] as const;
    const payload = await push(
      t,
      write.map(([unitCode, value]) => ({ unitCode, indicatorCode: 'VON_DAU_TU_XH', period: '2024', value })),
    );
    expect(payload.applied).toBe(true);
    const Q = `query($b: Boundaries!) { provinceComparison(provinceCode: "37", indicatorCodes: ["VON_DAU_TU_XH"], periods: ["2024"], boundaries: $b) {
      totalCount nodes { unitCode unitLevel value derived complete contributors rank rankOf observation { derived version contributors { code } } } } }`;
    const current = ok(await t.gql(Q, { b: 'CURRENT' })).provinceComparison;
    expect(current.nodes).toEqual([
      {
        unitCode: '13291',
        unitLevel: 'COMMUNE',
        value: 60.75,
        derived: true,
        complete: true,
        contributors: '13291, 13306, 13426',
        rank: 2,
        rankOf: 2,
        observation: {
          derived: true,
          version: 0,
          contributors: [{ code: '13291' }, { code: '13306' }, { code: '13426' }],
        },
      },
      {
        unitCode: '13318',
        unitLevel: 'COMMUNE',
        value: 71.5,
        derived: true,
        complete: false,
        contributors: '13318, 13441',
        rank: 1,
        rankOf: 2,
        observation: { derived: true, version: 0, contributors: [{ code: '13318' }, { code: '13441' }] },
      },
    ]);
    // As reported, 2024's 37 is old Ninh Bình: only its own old communes, each as stored.
    const reported = ok(await t.gql(Q, { b: 'AS_REPORTED' })).provinceComparison;
    expect(reported.nodes.every((n: any) => !n.derived && n.observation.version === 1)).toBe(true);
    // Ý Yên (Nam Định) compares among the merged province's districts for its years.
    const all = ok(
      await t.gql(
        `{ provinceComparison(provinceCode: "37", boundaries: CURRENT, first: 5000) { nodes { unitCode unitLevel derived rank } } }`,
      ),
    ).provinceComparison.nodes;
    const yYen = all.filter((n: any) => n.unitCode === '360');
    expect(yYen.length).toBeGreaterThan(0);
    expect(yYen.every((n: any) => n.unitLevel === 'DISTRICT' && !n.derived)).toBe(true);
  });

  describe('refuses what it cannot answer, with a reason', () => {
    it('on without boundaries CURRENT', async () => {
      const res = await t.gql('{ observations(filter: {}, on: "2025-01-01") { totalCount } }');
      expect(errorReason(res)).toBe('ON_WITHOUT_BOUNDARIES');
    });
    it('updatedSince with boundaries CURRENT', async () => {
      const res = await t.gql(
        '{ observations(filter: { updatedSince: "2020-01-01T00:00:00Z" }, boundaries: CURRENT) { totalCount } }',
      );
      expect(errorReason(res)).toBe('BOUNDARIES_UPDATED_SINCE');
    });
    it('a cursor of the other ordering', async () => {
      const first = ok(await t.gql('{ observations(filter: {}, first: 1) { pageInfo { endCursor } } }'));
      const res = await t.gql(
        `query($a: String) { observations(filter: {}, first: 1, after: $a, boundaries: CURRENT) { totalCount } }`,
        { a: first.observations.pageInfo.endCursor },
      );
      expect(errorReason(res)).toBe('INVALID_CURSOR');
    });
  });

  it('on a date before the reform, the old units are the boundaries: nothing is derived', async () => {
    const { nodes } = await read(
      { unitCodes: ['37'], indicatorCodes: ['VON_DAU_TU_XH'], periods: ['2023'] },
      ', on: "2025-06-01"',
    );
    expect(nodes.map((n) => [n.unit.id, n.value, n.derived])).toEqual([[ids['37'], 300.3, false]]);
  });
});
