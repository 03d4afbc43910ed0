import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { seedGrid } from '../helpers/fixtures';
import { errorCode, ok, startTestServer, type TestServer } from '../helpers/server';

const PAGE = `query($filter: ObservationFilter!, $first: Int, $after: String) {
  observations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id period value unit { code } indicator { code } } }
  } }`;

describeEachDb('observations connection', (db) => {
  let t: TestServer;
  let grid: Awaited<ReturnType<typeof seedGrid>>;
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    // Nam Định (36): 9 districts × 10 indicators × 12 years = 1,080 observations.
    grid = await seedGrid(t.server.ds, {
      provinceCode: '36',
      indicators: 10,
      years: [2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025],
    });
  });
  afterAll(() => t?.stop());

  it('walks every page exactly once, with a stable order and a total count', async () => {
    expect(grid.count).toBe(1080);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const { observations }: { observations: any } = ok(
        await t.gql(PAGE, { filter: { provinceCode: '36' }, first: 300, after }),
      );
      expect(observations.totalCount).toBe(1080);
      seen.push(...observations.edges.map((e: any) => e.node.id));
      pages++;
      if (!observations.pageInfo.hasNextPage) {
        expect(observations.pageInfo.endCursor).toBe(observations.edges.at(-1).cursor);
        break;
      }
      after = observations.pageInfo.endCursor;
    }
    expect(pages).toBe(4);
    expect(seen).toHaveLength(1080);
    expect(new Set(seen).size).toBe(1080);
  });

  it('handles page edges: exact fit, first: 0, past the end', async () => {
    const exact = ok(await t.gql(PAGE, { filter: { provinceCode: '36' }, first: 1080 })).observations;
    expect(exact.edges).toHaveLength(1080);
    expect(exact.pageInfo.hasNextPage).toBe(false);
    const none = ok(await t.gql(PAGE, { filter: { provinceCode: '36' }, first: 0 })).observations;
    // first: 0 still says whether rows exist (Relay: more edges follow the empty page).
    expect(none).toMatchObject({ edges: [], totalCount: 1080, pageInfo: { hasNextPage: true, endCursor: null } });
    const end = ok(
      await t.gql(PAGE, { filter: { provinceCode: '36' }, first: 5, after: exact.pageInfo.endCursor }),
    ).observations;
    expect(end.edges).toEqual([]);
    expect(end.pageInfo).toEqual({ hasNextPage: false, endCursor: exact.pageInfo.endCursor });
    const one = ok(await t.gql(PAGE, { filter: { provinceCode: '36' }, first: 1 })).observations;
    expect(one.edges).toHaveLength(1);
    expect(one.pageInfo.hasNextPage).toBe(true);
  });

  it('applies every filter of ObservationFilter', async () => {
    const count = async (filter: Record<string, unknown>) =>
      ok(await t.gql(PAGE, { filter, first: 0 })).observations.totalCount;
    const d = grid.districts.map((x) => x.code);
    expect(await count({ unitCodes: [d[0], d[1]] })).toBe(240);
    expect(await count({ unitCodes: ['36'] })).toBe(0);
    expect(await count({ indicatorCodes: ['T001'] })).toBe(108);
    expect(await count({ periods: ['2020', '2021'] })).toBe(180);
    expect(await count({ periods: ['2020-H1'] })).toBe(0);
    expect(await count({ fromYear: 2020 })).toBe(540);
    expect(await count({ toYear: 2016 })).toBe(270);
    expect(await count({ fromYear: 2018, toYear: 2019 })).toBe(180);
    expect(await count({ statuses: ['OFFICIAL'] })).toBe(1080);
    expect(await count({ statuses: ['ESTIMATED', 'FORECAST'] })).toBe(0);
    expect(await count({ updatedSince: new Date(Date.now() - 3600_000).toISOString() })).toBe(1080);
    expect(await count({ updatedSince: new Date(Date.now() + 3600_000).toISOString() })).toBe(0);
    expect(
      await count({ provinceCode: '36', unitCodes: [d[2]], indicatorCodes: ['T002', 'T003'], fromYear: 2024 }),
    ).toBe(4);
    expect(await count({ provinceCode: '38' })).toBe(0);
  });

  it('returns exact values: the same numbers on every database', async () => {
    const { observations } = ok(
      await t.gql(PAGE, {
        filter: { unitCodes: [grid.districts[0].code], indicatorCodes: ['T001'], periods: ['2014'] },
      }),
    );
    expect(observations.edges[0].node.value).toBe(1.25);
  });

  it('loads 1,000 observations with unit, indicator and revisions in a bounded number of SQL statements', async () => {
    t.counter.reset();
    const res = ok(
      await t.gql(`{ observations(filter: { provinceCode: "36" }, first: 1000) {
      totalCount nodes { period value unit { code name ... on District { province { code } } } indicator { code unit } revisions { version } } } }`),
    );
    expect(res.observations.nodes).toHaveLength(1000);
    expect(res.observations.nodes[999].unit.province.code).toBe('36');
    // token lookup, province lookup, page, count, units, provinces, indicators, revisions (2 chunks of 500)
    expect(t.counter.count).toBeLessThanOrEqual(10);
  });

  it('observationTable returns the same rows, order and cursors as the connection, compactly', async () => {
    const TABLE = `query($filter: ObservationFilter!, $first: Int, $after: String) {
      observationTable(filter: $filter, first: $first, after: $after) { columns rows totalCount pageInfo { hasNextPage endCursor } } }`;
    const filter = { provinceCode: '36', fromYear: 2024 };
    const conn = ok(
      await t.gql(
        `query($filter: ObservationFilter!) { observations(filter: $filter, first: 1000) {
      nodes { unit { code id } indicator { code } period value status source note version updatedAt updatedBy derived complete } } }`,
        { filter },
      ),
    ).observations.nodes;
    const rows: unknown[][] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await t.gql(TABLE, { filter, first: 70, after })).observationTable;
      expect(page.columns).toEqual([
        'unitCode',
        'indicatorCode',
        'period',
        'value',
        'status',
        'source',
        'note',
        'version',
        'updatedAt',
        'updatedBy',
        'unitId',
        'derived',
        'complete',
        'contributors',
      ]);
      expect(page.totalCount).toBe(180);
      rows.push(...page.rows);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(rows).toEqual(
      conn.map((o: any) => [
        o.unit.code,
        o.indicator.code,
        o.period,
        o.value,
        o.status,
        o.source,
        o.note,
        o.version,
        o.updatedAt,
        o.updatedBy,
        o.unit.id,
        o.derived,
        o.complete,
        null,
      ]),
    );
    const bad = await t.gql(TABLE, { filter: { periods: ['2024-Q5'] } });
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(TABLE, { filter: {}, first: 50_001 }))).toBe('BAD_USER_INPUT');
  });

  it('rejects a page larger than 50,000 and a bad cursor', async () => {
    expect(errorCode(await t.gql(PAGE, { filter: {}, first: 50_001 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(PAGE, { filter: {}, after: Buffer.from('o:abc').toString('base64url') }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});
