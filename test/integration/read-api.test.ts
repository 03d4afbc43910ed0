import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

describeEachDb('read API', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  it('lists the 63 provinces of 2025-06-01 with codes as strings keeping leading zeros', async () => {
    const { provinces } = ok(await t.gql('{ provinces(on: "2025-06-01") { code name kind level } }'));
    expect(provinces).toHaveLength(63);
    expect(provinces[0]).toEqual({
      code: '01',
      name: 'Thành phố Hà Nội',
      kind: 'Thành phố Trung ương',
      level: 'PROVINCE',
    });
    expect(provinces.map((p: { code: string }) => p.code)).toContain('38');
  });

  it("gives Thanh Hóa's 26 districts before the 2025 reform, and 27 on a date before Đông Sơn merged", async () => {
    const now = ok(
      await t.gql(
        '{ province(code: "38") { shortName districts(activeOn: "2025-06-01") { code name shortName kind } } }',
      ),
    );
    expect(now.province.shortName).toBe('Thanh Hóa');
    expect(now.province.districts).toHaveLength(26);
    expect(now.province.districts).toContainEqual({
      code: '392',
      name: 'Huyện Hà Trung',
      shortName: 'Hà Trung',
      kind: 'Huyện',
    });
    const in2022 = ok(await t.gql('{ province(code: "38") { districts(activeOn: "2022-06-01") { code validTo } } }'));
    expect(in2022.province.districts).toHaveLength(27);
    expect(in2022.province.districts).toContainEqual({ code: '405', validTo: '2024-12-31' });
  });

  it('finds units ignoring diacritics and case', async () => {
    const a = ok(await t.gql('{ adminUnits(search: "ha trung") { code name level } }'));
    expect(a.adminUnits).toContainEqual({ code: '392', name: 'Huyện Hà Trung', level: 'DISTRICT' });
    const b = ok(await t.gql('{ adminUnits(search: "HÀ TRUNG") { code } }'));
    expect(b.adminUnits.map((u: { code: string }) => u.code)).toContain('392');
    const c = ok(await t.gql('{ adminUnits(search: "dong son", level: DISTRICT, provinceCode: "38") { code } }'));
    expect(c.adminUnits.map((u: { code: string }) => u.code)).toEqual(['405']);
    const d = ok(await t.gql('{ adminUnits(search: "thanh hoa", level: PROVINCE) { code } }'));
    expect(d.adminUnits).toEqual([{ code: '38' }]);
    const wild = ok(await t.gql('{ adminUnits(search: "%") { code } }'));
    expect(wild.adminUnits).toEqual([]);
    const limited = ok(await t.gql('{ adminUnits(search: "huyen", first: 5) { code } }'));
    expect(limited.adminUnits).toHaveLength(5);
  });

  it('refuses control characters in search (U+0000 matched everything on SQLite, nothing on MariaDB)', async () => {
    for (const query of [
      'query($s: String) { adminUnits(search: $s) { code } }',
      'query($s: String) { indicators(search: $s) { code } }',
    ]) {
      for (const s of ['\u0000', 'ha\u0000trung', '\u001b[2J']) {
        const res = await t.gql(query, { s });
        expect(errorReason(res), `${query} ${JSON.stringify(s)}`).toBe('INVALID_SEARCH');
        expect(res.status).toBe(400);
        expect(res.errors![0].extensions!.field).toEqual(['search']);
      }
    }
  });

  it('resolves a district with its province and demo term, and round-trips node ids', async () => {
    const { district } = ok(
      await t.gql(
        '{ district(code: "392", on: "2025-06-01") { id code province { code } terms { id congressNumber congressRoman startYear endYear title unit { code } } } }',
      ),
    );
    expect(district.province.code).toBe('38');
    expect(district.terms).toHaveLength(1);
    expect(district.terms[0]).toMatchObject({
      congressNumber: 22,
      congressRoman: 'XXII',
      startYear: 2020,
      endYear: 2025,
      unit: { code: '392' },
    });
    const node = ok(
      await t.gql('query($id: ID!) { node(id: $id) { __typename id ... on District { code } } }', { id: district.id }),
    );
    expect(node.node).toEqual({ __typename: 'District', id: district.id, code: '392' });
    const term = ok(
      await t.gql('query($id: ID!) { term(id: $id) { title } node(id: $id) { __typename } }', {
        id: district.terms[0].id,
      }),
    );
    expect(term.term.title).toContain('Hà Trung');
    expect(term.node.__typename).toBe('Term');
    expect(ok(await t.gql('{ node(id: "bm9wZQ") { id } }')).node).toBeNull();
    expect(ok(await t.gql('{ province(code: "392") { code } district(code: "38") { code } }'))).toEqual({
      province: null,
      district: null,
    });
  });

  it('lists terms of a unit and rejects an unknown unit code', async () => {
    const { terms } = ok(await t.gql('{ terms { unit { code } congressRoman } }'));
    expect(terms.map((x: { unit: { code: string } }) => x.unit.code).sort()).toEqual([
      '360',
      '364',
      '390',
      '392',
      '849',
    ]);
    expect(ok(await t.gql('{ terms(unitCode: "390") { congressRoman } }')).terms).toEqual([{ congressRoman: 'XXVI' }]);
    const bad = await t.gql('{ terms(unitCode: "99999") { id } }');
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorReason(bad)).toBe('UNKNOWN_UNIT');
  });

  it('serves the indicator catalogue with search and category filters', async () => {
    const all = ok(await t.gql('{ indicators { code name unit direction category decimals } }')).indicators;
    expect(all.length).toBeGreaterThanOrEqual(20);
    const poor = all.find((i: { code: string }) => i.code === 'TY_LE_HO_NGHEO');
    expect(poor).toMatchObject({ direction: 'LOWER_IS_BETTER', unit: '%' });
    const found = ok(await t.gql('{ indicators(search: "thu nhap binh quan") { code } }')).indicators;
    expect(found.map((i: { code: string }) => i.code)).toContain('THU_NHAP_BQ');
    const cat = ok(
      await t.gql('query($c: String) { indicators(category: $c) { category } }', { c: poor.category }),
    ).indicators;
    expect(cat.length).toBeGreaterThan(0);
    expect(new Set(cat.map((i: { category: string }) => i.category))).toEqual(new Set([poor.category]));
    expect(ok(await t.gql('{ indicator(code: "THU_NHAP_BQ") { name } }')).indicator.name).toMatch(/[Tt]hu nhập/);
    expect(ok(await t.gql('{ indicator(code: "NOPE") { name } }')).indicator).toBeNull();
  });

  it("holds the Hà Trung report's observations with status, source and a first revision", async () => {
    const res = ok(
      await t.gql(`{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["THU_NHAP_BQ", "TD_TANG_GTSX"] }) {
      totalCount nodes { period value status source version updatedBy indicator { code } unit { code name }
        revisions { version value action status changedBy batchId } } } }`),
    );
    const byCode = Object.fromEntries(res.observations.nodes.map((o: any) => [o.indicator.code, o]));
    expect(byCode.THU_NHAP_BQ).toMatchObject({
      period: '2023',
      value: 53.2,
      status: 'ESTIMATED',
      version: 1,
      unit: { code: '392', name: 'Huyện Hà Trung' },
    });
    expect(byCode.TD_TANG_GTSX).toMatchObject({ period: '2021..2023', value: 7.34, status: 'ESTIMATED' });
    expect(byCode.THU_NHAP_BQ.source).toContain('Hà Trung');
    expect(byCode.THU_NHAP_BQ.revisions).toEqual([
      {
        version: 1,
        value: 53.2,
        action: 'CREATE',
        status: 'ESTIMATED',
        changedBy: 'demo-data',
        batchId: expect.any(String),
      },
    ]);
  });

  it('rejects reads without a token, with a bad or malformed token', async () => {
    const anon = await t.gql('{ provinces { code } }', {}, null);
    expect(errorCode(anon)).toBe('UNAUTHENTICATED');
    expect(anon.data ?? null).toBeNull();
    const wrong = await t.gql('{ provinces { code } }', {}, 'not-a-real-token');
    expect(wrong.status).toBe(401);
    expect(errorCode(wrong)).toBe('UNAUTHENTICATED');
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Basic abc' },
      body: '{"query":"{ me { name } }"}',
    });
    expect(res.status).toBe(401);
    expect(ok(await t.gql('{ me { name role scopeCode } }'))).toEqual({
      me: { name: 'ADMIN_TOKEN', role: 'ADMIN', scopeCode: null },
    });
  });

  it('answers malformed requests with BAD_USER_INPUT, never a 500', async () => {
    const cases: [string, Record<string, unknown>?][] = [
      ['{ provinces { nope } }'],
      ['{ provinces { code '],
      ['query($f: Int!) { observations(filter: {}, first: $f) { totalCount } }', { f: 'ten' }],
      ['{ observations(filter: { periods: ["2023-13"] }) { totalCount } }'],
      ['{ observations(filter: { periods: ["2023..2021"] }) { totalCount } }'],
      ['{ observations(filter: { unitCodes: ["999999"] }) { totalCount } }'],
      ['{ observations(filter: { indicatorCodes: ["NOPE"] }) { totalCount } }'],
      ['{ observations(filter: { provinceCode: "392" }) { totalCount } }'],
      ['{ observations(filter: { fromYear: 1500 }) { totalCount } }'],
      ['{ observations(filter: { fromYear: 2024, toYear: 2020 }) { totalCount } }'],
      ['{ observations(filter: {}, first: 50001) { totalCount } }'],
      ['{ observations(filter: {}, first: -1) { totalCount } }'],
      ['{ observations(filter: {}, after: "garbage") { totalCount } }'],
      ['{ observations(filter: { statuses: [GUESSED] }) { totalCount } }'],
      ['{ adminUnits(first: 0) { code } }'],
      ['{ term(id: "abc") { id } }'],
    ];
    for (const [query, variables] of cases) {
      const res = await t.gql(query, variables);
      expect(res.status, query).toBeLessThan(500);
      expect(errorCode(res), query).toBe('BAD_USER_INPUT');
      expect(res.errors![0].message.length, query).toBeGreaterThan(5);
    }
    const tooComplex = await t.gql(
      '{ provinces { districts { province { districts { province { districts { code } } } } } } }',
    );
    expect(errorReason(tooComplex)).toBe('QUERY_TOO_COMPLEX');
    const tooDeep = await t.gql(
      '{ district(code: "392") { province { districts { province { districts { province { districts { province { districts { province { code } } } } } } } } } } }',
    );
    expect(tooDeep.errors![0].message).toMatch(/depth/i);
    const tooMany = await t.gql('query($c: [String!]) { observations(filter: { unitCodes: $c }) { totalCount } }', {
      c: Array.from({ length: 5001 }, (_, i) => String(i)),
    });
    expect(errorReason(tooMany)).toBe('FILTER_TOO_LONG');
    expect(tooMany.errors![0].extensions!.field).toEqual(['filter', 'unitCodes']);
    const period = await t.gql('{ observations(filter: { periods: ["2023-H3"] }) { totalCount } }');
    expect(errorReason(period)).toBe('INVALID_PERIOD');
    expect(period.errors![0].message).toContain('2023-H3');
  });

  it('exposes /healthz with database reachability', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('serves the offline explorer from its own origin, with no CDN', async () => {
    const page = await fetch(`${t.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/explorer/graphiql.js');
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
    for (const f of ['react.js', 'react-dom.js', 'graphiql.js', 'graphiql.css']) {
      const asset = await fetch(`${t.url}/explorer/${f}`);
      expect(asset.status, f).toBe(200);
    }
  });

  it('refuses a GET query without a CSRF-safe header, and accepts one with it', async () => {
    const q = encodeURIComponent('{ provinces { code } }');
    const bare = await fetch(`${t.url}/graphql?query=${q}`, {
      headers: { authorization: `Bearer test-admin-token-0123456789` },
    });
    expect(bare.status).toBe(400);
    const ok2 = await fetch(`${t.url}/graphql?query=${q}`, {
      headers: { authorization: `Bearer test-admin-token-0123456789`, 'apollo-require-preflight': 'true' },
    });
    expect(ok2.status).toBe(200);
  });

  it('rejects a request body over the limit with a clear error', async () => {
    const big = 'x'.repeat(33 * 1024 * 1024);
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer test-admin-token-0123456789` },
      body: JSON.stringify({ query: '{ me { name } }', variables: { big } }),
    });
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(body.errors[0].message).toMatch(/larger than/);
  });
});

describeEachDb('PUBLIC_READ', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db, { PUBLIC_READ: 'true', DEMO_DATA: 'false' });
  });
  afterAll(() => t?.stop());

  it('allows anonymous reads but still rejects a bad token', async () => {
    const anon = ok(await t.gql('{ provinces { code } me { name } }', {}, null));
    expect(anon.provinces).toHaveLength(34);
    expect(anon.me).toBeNull();
    expect(errorCode(await t.gql('{ provinces { code } }', {}, 'bogus-token'))).toBe('UNAUTHENTICATED');
  });

  it('loads no demo data when DEMO_DATA=false', async () => {
    expect(ok(await t.gql('{ terms { id } indicators { code } }', {}, null))).toEqual({ terms: [], indicators: [] });
  });
});
