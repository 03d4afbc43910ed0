import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

const codes = (list: { code: string }[]) => list.map((u) => u.code).sort();

describeEachDb('administrative units and the 2025 reorganisation', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  it('has 34 provinces today and 63 on 2025-06-01', async () => {
    const now = ok(await t.gql('{ provinces { code } }'));
    expect(now.provinces).toHaveLength(34);
    const before = ok(await t.gql('{ provinces(on: "2025-06-01") { code } }'));
    expect(before.provinces).toHaveLength(63);
  });

  it('keeps an unchanged province as one unit: Thanh Hóa has 166 communes today, no end date', async () => {
    const now = ok(
      await t.gql('{ province(code: "38") { id validFrom validTo communes { code } predecessors { kind } } }'),
    );
    expect(now.province.communes).toHaveLength(166);
    expect(now.province).toMatchObject({ validFrom: null, validTo: null, predecessors: [] });
    const before = ok(
      await t.gql('{ province(code: "38", on: "2025-06-01") { id districts(activeOn: "2025-06-01") { code } } }'),
    );
    expect(before.province.id).toBe(now.province.id);
    // Its districts ended with the reform.
    expect(ok(await t.gql('{ province(code: "38") { districts { code } } }')).province.districts).toEqual([]);
    expect(before.province.districts).toHaveLength(26);
  });

  it('resolves a reused commune code on a date; search finds Phường Ba Đình today', async () => {
    const found = ok(await t.gql('{ adminUnits(search: "ba dinh", level: COMMUNE, on: "2025-08-01") { code name } }'));
    expect(found.adminUnits).toContainEqual({ code: '00004', name: 'Phường Ba Đình' });
    const anyDate = ok(await t.gql('{ adminUnits(search: "ba dinh", level: COMMUNE) { code name } }'));
    expect(anyDate.adminUnits).toContainEqual({ code: '00004', name: 'Phường Ba Đình' });
    const old = ok(
      await t.gql(`{ commune(code: "00004", on: "2025-01-01") {
        __typename name kind validTo district { code } province { code } } }`),
    );
    expect(old.commune).toEqual({
      __typename: 'Commune',
      name: 'Phường Trúc Bạch',
      kind: 'Phường',
      validTo: '2025-06-30',
      district: { code: '001' },
      province: { code: '01' },
    });
    const now = ok(await t.gql('{ commune(code: "00004") { name validFrom district { code } province { code } } }'));
    expect(now.commune).toEqual({
      name: 'Phường Ba Đình',
      validFrom: '2025-07-01',
      district: null,
      province: { code: '01' },
    });
  });

  it('makes merged Ninh Bình (37) a new unit, with lineage both ways', async () => {
    const old = ok(
      await t.gql(`{ province(code: "37", on: "2025-06-01") { id validTo
        successors { unit { id code validFrom } kind date } } }`),
    );
    const now = ok(
      await t.gql(`{ province(code: "37") { id validFrom
        predecessors { unit { code validTo } kind date } } }`),
    );
    expect(old.province.id).not.toBe(now.province.id);
    expect(old.province.validTo).toBe('2025-06-30');
    expect(now.province.validFrom).toBe('2025-07-01');
    expect(old.province.successors).toEqual([
      { unit: { id: now.province.id, code: '37', validFrom: '2025-07-01' }, kind: 'FULL', date: '2025-07-01' },
    ]);
    expect(codes(now.province.predecessors.map((p: { unit: { code: string } }) => p.unit))).toEqual(['35', '36', '37']);
    for (const p of now.province.predecessors) expect(p).toMatchObject({ kind: 'FULL', date: '2025-07-01' });
  });

  it("derives a district's successors through its communes: Hà Trung → 6 communes, Bỉm Sơn in part", async () => {
    const d = ok(
      await t.gql(`{ district(code: "392", on: "2025-06-01") { communes { code }
        successors { unit { __typename code name } kind } } }`),
    );
    expect(d.district.communes.length).toBeGreaterThan(0);
    expect(d.district.successors).toHaveLength(6);
    const bimSon = d.district.successors.find((s: { unit: { name: string } }) => s.unit.name === 'Phường Bỉm Sơn');
    expect(bimSon).toMatchObject({ kind: 'PARTIAL', unit: { __typename: 'Commune' } });
    // A commune's successors come straight from the lineage table; every one points back.
    const c = ok(
      await t.gql(
        `{ district(code: "392", on: "2025-06-01") { communes { code successors { unit { predecessors { unit { code } } } } } } }`,
      ),
    );
    for (const commune of c.district.communes)
      for (const s of commune.successors)
        expect(s.unit.predecessors.map((p: { unit: { code: string } }) => p.unit.code)).toContain(commune.code);
  });

  it('links an island district straight to its special zone (Côn Đảo 755 → Đặc khu Côn Đảo 26732)', async () => {
    const d = ok(
      await t.gql(`{ district(code: "755", on: "2025-06-01") { communes { code }
        successors { unit { code kind predecessors { unit { code level } kind } } kind date } } }`),
    );
    expect(d.district.communes).toEqual([]);
    expect(d.district.successors).toEqual([
      {
        unit: {
          code: '26732',
          kind: 'Đặc khu',
          predecessors: [{ unit: { code: '755', level: 'DISTRICT' }, kind: 'FULL' }],
        },
        kind: 'FULL',
        date: '2025-07-01',
      },
    ]);
  });

  it("lists a province's communes before the reform through its districts (Thanh Hóa: 549)", async () => {
    const before = ok(await t.gql('{ province(code: "38") { communes(activeOn: "2025-06-01") { code validTo } } }'));
    expect(before.province.communes).toHaveLength(549);
    expect(before.province.communes.every((c: { validTo: string }) => c.validTo === '2025-06-30')).toBe(true);
  });

  it('batches lineage: every province and district with its links in a bounded number of statements', async () => {
    const Q = `{ provinces(on: "2025-06-01") { code successors { unit { code } kind }
      districts(activeOn: "2025-06-01") { code successors { unit { code predecessors { unit { code } } } kind } } } }`;
    t.counter.reset();
    const { provinces } = ok(await t.gql(Q));
    expect(provinces).toHaveLength(63);
    const districts = provinces.flatMap((p: { districts: unknown[] }) => p.districts);
    expect(districts.length).toBeGreaterThan(690);
    // Unchanged provinces keep their unit, so they have no successor; the others have one.
    expect(provinces.filter((p: { successors: unknown[] }) => p.successors.length === 0)).toHaveLength(11);
    expect(t.counter.count).toBeLessThanOrEqual(15);
  });

  it('keeps district lookups working on historical dates and none today', async () => {
    expect(ok(await t.gql('{ district(code: "392") { code } }')).district).toBeNull();
    expect(ok(await t.gql('{ district(code: "392", on: "2025-06-30") { name } }')).district.name).toBe(
      'Huyện Hà Trung',
    );
  });
});

describeEachDb('pushing rows for a code that names two units over time', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  it('files each row under the unit that existed in its period (37: old Ninh Bình in 2024, merged in 2025-09)', async () => {
    const payload = await push(
      t,
      [
        { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 50 },
        { unitCode: '37', indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 60 },
        { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2025-09', value: 1 },
      ],
      { atomic: false },
    );
    expect(payload.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'INVALID']);
    expect(payload.rows[2].code).toBe('UNIT_INACTIVE');
    const stored = await t.server.ds.query(
      `SELECT o.period, u.valid_from, u.valid_to FROM observation o JOIN admin_unit u ON u.id = o.unit_id
       WHERE u.code = '37' ORDER BY o.period`,
    );
    expect(stored).toEqual([
      { period: '2024', valid_from: null, valid_to: '2025-06-30' },
      { period: '2025-09', valid_from: '2025-07-01', valid_to: null },
    ]);
  });
});
