/**
 * The Excel functions against the real server: `cellValues` over GraphQL, and 1,000 function cells
 * recalculated through the stand-in's custom-functions host with the add-in's own code
 * (excel/functions.ts, sync/cells.ts, api/cells.ts) — the same numbers as the API's own fields
 * (observations, terms → targets → progress, ranking), in at most 2 HTTP requests.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cellFetcher, GraphQLClient } from '../../addin/src/api';
import { registerFunctions } from '../../addin/src/excel/functions';
import { CellBatcher } from '../../addin/src/sync';
import { BATCH_WINDOW_MS } from '../../addin/src/taskpane/functions';
import { MAX_CELLS } from '../../schema/contract/cells';
import { REPORT_INDICATORS, directWriter, type Row } from '../helpers/analytics-data';
import { describeEachDb } from '../helpers/databases';
import { indicatorCode, period, unitCode } from './argument-fuzz/arbitraries';
import { ADMIN, assertErrorShape, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';
import { installStandIn, type Driver } from '../stand-in';
import type { FunctionCellValue, MetadataFile } from '../stand-in/api/functions';

const DISTRICTS = Array.from({ length: 26 }, (_, i) => String(380 + i)).filter((c) => c !== '382' && c !== '383');
const INDICATORS = ['THU_NHAP_BQ', 'TY_LE_HO_NGHEO', 'VON_DAU_TU_XH'];
const YEARS = ['2020', '2021', '2022', '2023', '2024'];
const TERM_UNITS = DISTRICTS.slice(0, 12);
const metadata = (f: string) =>
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../addin/public', f), 'utf8')) as MetadataFile;

/** A deterministic spread of values, with holes (some units have no value some years). */
const valueOf = (u: number, i: number, y: number) => ((u * 37 + i * 11 + y * 5) % 97) + 0.25 * i;
const present = (u: number, i: number, y: number) => (u + i + y) % 7 !== 0;

describeEachDb('Excel functions against the server', (db) => {
  let t: TestServer;
  let excel: Driver;
  beforeAll(async () => {
    t = await startTestServer(db, { DEMO_DATA: 'false' });
    const w = await directWriter(t);
    await w.createIndicators(REPORT_INDICATORS);
    const rows: Row[] = [];
    DISTRICTS.forEach((unitCode, u) =>
      INDICATORS.forEach((indicatorCode, i) =>
        YEARS.forEach((period, y) => {
          if (present(u, i, y)) rows.push({ unitCode, indicatorCode, period, value: valueOf(u, i, y) });
        }),
      ),
    );
    await w.push(rows);
    for (const [k, unitCode] of TERM_UNITS.entries()) {
      const term = await w.createTerm({ unitCode, congressNumber: 22, startYear: 2020, endYear: 2025 });
      await w.setTargets(term, [
        { indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 60 + k, comparator: 'AT_LEAST' },
        // Two targets of one indicator: the functions use the one ending last, the longer on equal end.
        { indicatorCode: 'VON_DAU_TU_XH', period: '2025', value: 90 + k, comparator: 'AT_LEAST' },
        { indicatorCode: 'VON_DAU_TU_XH', period: '2021..2025', value: 400 + k, comparator: 'AT_LEAST' },
        { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: k % 3 === 0 ? 0 : 3, comparator: 'AT_MOST' },
      ]);
    }
  });
  afterAll(async () => {
    excel?.uninstall?.();
    await t?.stop();
  });

  it('cellValues answers each cell in order, with a reason where there is no value', async () => {
    const { cellValues } = ok(
      await t.gql('query($c: [CellQuery!]!) { cellValues(cells: $c) { value code message } }', {
        c: [
          { function: 'VALUE', unitCode: '380', indicatorCode: 'THU_NHAP_BQ', period: '2021' },
          { function: 'VALUE', unitCode: '999', indicatorCode: 'THU_NHAP_BQ', period: '2021' },
          { function: 'VALUE', unitCode: '380', indicatorCode: 'KHONG_CO', period: '2021' },
          { function: 'VALUE', unitCode: '380', indicatorCode: 'THU_NHAP_BQ', period: '2021-H3' },
          { function: 'VALUE', unitCode: '380', indicatorCode: 'THU_NHAP_BQ', period: '2026' },
          { function: 'TARGET', unitCode: '380', indicatorCode: 'VON_DAU_TU_XH', term: '2020-2025' },
          { function: 'TARGET', unitCode: '380', indicatorCode: 'THU_NHAP_BQ', term: '2015-2020' },
          { function: 'TARGET', unitCode: '380', indicatorCode: 'SP_OCOP', term: '2020-2025' },
          { function: 'TARGET', unitCode: '380', indicatorCode: 'SP_OCOP', term: 'nay' },
          { function: 'RANK', unitCode: '38', indicatorCode: 'THU_NHAP_BQ', period: '2021' },
          { function: 'RANK', unitCode: '382', indicatorCode: 'THU_NHAP_BQ', period: '2021' },
        ],
      }),
    );
    expect(cellValues[0]).toEqual({ value: valueOf(0, 0, 1), code: null, message: null });
    expect(cellValues.slice(1).map((c: any) => c.code)).toEqual([
      'UNKNOWN_UNIT',
      'UNKNOWN_INDICATOR',
      'INVALID_PERIOD',
      'UNIT_INACTIVE', // 380 is a district: districts ended on 2025-06-30
      null,
      'UNKNOWN_TERM',
      'NO_TARGET',
      'INVALID_TERM',
      'INVALID_RANKING_LEVEL',
      'NOT_RANKED',
    ]);
    expect(cellValues[5].value).toBe(400); // 2021..2025 over 2025
    expect(cellValues.every((c: any) => (c.value === null) === (c.code !== null))).toBe(true);
  });

  it('more than 5,000 cells is refused with TOO_MANY_CELLS', async () => {
    const cell = { function: 'VALUE', unitCode: '380', indicatorCode: 'THU_NHAP_BQ', period: '2021' };
    const res = await t.gql('query($c: [CellQuery!]!) { cellValues(cells: $c) { value } }', {
      c: Array.from({ length: MAX_CELLS + 1 }, () => cell),
    });
    expect(res.status).toBe(400);
    expect(errorReason(res)).toBe('TOO_MANY_CELLS');
  });

  it('fuzzed cells: below 500, one answer per cell with a value or a known reason', async () => {
    const term = fc.oneof(fc.constantFrom('2020-2025', '2020–2025', '2015..2020', '2025-2020', ''), fc.string());
    const cell = fc.record(
      {
        function: fc.constantFrom('VALUE', 'TARGET', 'PROGRESS', 'RANK'),
        unitCode,
        indicatorCode,
        period: fc.option(period, { nil: null }),
        term: fc.option(term, { nil: null }),
        asOf: fc.option(period, { nil: null }),
      },
      { requiredKeys: ['function', 'unitCode', 'indicatorCode'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 40 }), async (cells) => {
        const res = await t.gql('query($c: [CellQuery!]!) { cellValues(cells: $c) { value code message } }', {
          c: cells,
        });
        expect(res.status).toBeLessThan(500);
        assertErrorShape(res, JSON.stringify(cells).slice(0, 300), false);
        if (res.errors?.length) return; // a code or period of the wrong type: refused by GraphQL
        expect(res.data.cellValues).toHaveLength(cells.length);
        for (const c of res.data.cellValues) expect((c.value === null) !== (c.code === null)).toBe(true);
      }),
      { numRuns: db === 'sqlite' ? 150 : 80, seed: 20_261_201 },
    );
  }, 120_000);

  it('1,000 function cells recalculate to the API’s own numbers in at most 2 requests', async () => {
    // What the API says, through its ordinary fields.
    const obs = ok(
      await t.gql(
        'query($u: [String!]) { observations(first: 50000, filter: { unitCodes: $u }) { nodes { unit { code } indicator { code } period value } } }',
        { u: DISTRICTS },
      ),
    ).observations.nodes as any[];
    const value = new Map(obs.map((o) => [`${o.unit.code}|${o.indicator.code}|${o.period}`, o.value as number]));
    const terms = ok(
      await t.gql(
        `{ ${TERM_UNITS.map(
          (u) =>
            `u${u}: terms(unitCode: "${u}", on: "2024-01-01") { startYear endYear targets { indicator { code } period value progress { ratio } } }`,
        ).join(' ')} }`,
      ),
    );
    const targetOf = (u: string, ind: string) => {
      const ts = (terms[`u${u}`]?.[0]?.targets ?? []).filter((x: any) => x.indicator.code === ind);
      return ts.find((x: any) => x.period.includes('..')) ?? ts[0];
    };
    const rankings = ok(
      await t.gql(
        `{ ${INDICATORS.flatMap((ind) =>
          YEARS.map(
            (y) =>
              `r_${ind}_${y}: ranking(provinceCode: "38", indicatorCode: "${ind}", period: "${y}") { unit { code } rank }`,
          ),
        ).join(' ')} }`,
      ),
    );
    const rank = new Map<string, number>();
    for (const [alias, list] of Object.entries<any[]>(rankings)) {
      const [, ind, y] = /^r_(.+)_(\d{4})$/.exec(alias)!;
      for (const r of list) rank.set(`${r.unit.code}|${ind}|${y}`, r.rank);
    }

    // 1,000 cells: every kind, repeated arguments, unknown codes.
    const formulas: string[] = [];
    const expected: (number | string)[] = [];
    let k = 0;
    while (formulas.length < 1000) {
      const u = DISTRICTS[k % DISTRICTS.length]!;
      const ind = INDICATORS[Math.floor(k / DISTRICTS.length) % INDICATORS.length]!;
      const y = YEARS[Math.floor(k / (DISTRICTS.length * INDICATORS.length)) % YEARS.length]!;
      switch (k % 5) {
        case 0:
        case 1: {
          formulas.push(`=CHITIEU.GIATRI("${u}"; "${ind}"; ${y})`);
          expected.push(value.get(`${u}|${ind}|${y}`) ?? '#N/A');
          break;
        }
        case 2: {
          formulas.push(`=CHITIEU.XEPHANG("${u}"; "${ind}"; "${y}")`);
          expected.push(rank.get(`${u}|${ind}|${y}`) ?? '#N/A');
          break;
        }
        case 3: {
          const tu = TERM_UNITS[k % TERM_UNITS.length]!;
          formulas.push(`=CHITIEU.MUCTIEU("${tu}"; "${ind}"; "2020-2025")`);
          expected.push(targetOf(tu, ind)?.value ?? '#N/A');
          break;
        }
        default: {
          const tu = TERM_UNITS[k % TERM_UNITS.length]!;
          formulas.push(`=CHITIEU.TYLEDAT("${tu}"; "${ind}"; "2020-2025")`);
          expected.push(targetOf(tu, ind)?.progress.ratio ?? '#N/A');
        }
      }
      if (k % 97 === 0) {
        formulas.push(`=CHITIEU.GIATRI("999"; "${ind}"; ${y})`);
        expected.push('#N/A:Không có đơn vị mã 999');
      }
      if (k % 89 === 0) {
        formulas.push(`=CHITIEU.MUCTIEU("${u}"; "KHONG_CO"; "2020-2025")`);
        expected.push('#N/A:Không có chỉ tiêu mã KHONG_CO');
      }
      if (k % 101 === 0) {
        formulas.push(`=CHITIEU.GIATRI("${u}"; "${ind}"; "2024-H3")`);
        expected.push('#VALUE!');
      }
      k++;
    }
    formulas.length = 1000;
    expected.length = 1000;

    excel = installStandIn({
      functions: {
        metadata: { 'vi-VN': metadata('functions.json'), 'en-US': metadata('functions-en.json') },
        namespace: 'CHITIEU',
      },
    });
    let requests = 0;
    const client = new GraphQLClient({
      serverUrl: t.url,
      token: ADMIN,
      fetch: (...a) => {
        requests++;
        return fetch(...a);
      },
    });
    const batcher = new CellBatcher({
      fetch: cellFetcher(
        () => client,
        () => new Error('not signed in'),
      ),
      schedule: (flush) => setTimeout(flush, BATCH_WINDOW_MS),
      lang: () => 'vi',
    });
    expect(registerFunctions(batcher, () => 'vi')).toBe(true);
    const host = excel.book.functions!;
    host.enter(formulas);
    // Excel may hand a recalculation over in parts: two here.
    t.counter.reset();
    const started = performance.now();
    const got = await host.recalculate({ callsPerTick: 500 });
    console.log(
      `[${db}] 1,000 function cells: ${requests} request(s), ${t.counter.count} SQL statements, ${Math.round(performance.now() - started)} ms`,
    );
    expect(requests).toBeGreaterThanOrEqual(1);
    expect(requests).toBeLessThanOrEqual(2);
    // Batched: units, indicators, observations, terms, targets, progress (2), parents, the units of
    // each ranked period's end (5 here), their observations, and the token's own statements.
    expect(t.counter.count).toBeLessThanOrEqual(20);

    const shown = (v: FunctionCellValue) =>
      typeof v === 'object' ? (v.message && /mã/.test(v.message) ? `${v.error}:${v.message}` : v.error) : v;
    const mismatches = got.map((v, i) => [formulas[i], shown(v), expected[i]]).filter(([, a, b]) => a !== b);
    expect(mismatches).toEqual([]);
    expect(got.filter((v) => typeof v === 'number').length).toBeGreaterThan(600);

    // Cached: a second recalculation sends nothing; after the pane's refresh, one more request.
    await host.recalculate();
    expect(requests).toBeLessThanOrEqual(2);
    const before = requests;
    const { refreshFunctions } = await import('../../addin/src/excel/functions');
    await refreshFunctions(batcher);
    await Promise.all(excel.book.calculations);
    expect(requests).toBe(before + 1);
    expect([...host.cells.values()].map((c) => shown(c.value!))).toEqual(expected);
  });
});

describeEachDb('cellValues on the demo data (docs/api.md example)', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  it('Hà Trung’s income 2023 and rank, Cẩm Thủy’s investment target and progress, an unknown unit', async () => {
    const { cellValues } = ok(
      await t.gql('query($c: [CellQuery!]!) { cellValues(cells: $c) { value code message } }', {
        c: [
          { function: 'VALUE', unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2023' },
          { function: 'PROGRESS', unitCode: '390', indicatorCode: 'VON_DAU_TU_XH', term: '2020-2025' },
          { function: 'VALUE', unitCode: '999', indicatorCode: 'THU_NHAP_BQ', period: '2023' },
          { function: 'TARGET', unitCode: '390', indicatorCode: 'VON_DAU_TU_XH', term: '2020-2025' },
          { function: 'RANK', unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2023' },
        ],
      }),
    );
    // The Vietnamese guide's examples (huong-dan-su-dung.md §14).
    expect(cellValues.slice(3).map((c: any) => c.value)).toEqual([10000, 1]);
    expect(cellValues.slice(0, 3)).toEqual([
      { value: 53.2, code: null, message: null },
      { value: 0.554, code: null, message: null },
      { value: null, code: 'UNKNOWN_UNIT', message: 'No unit has code "999"' },
    ]);
  });
});
