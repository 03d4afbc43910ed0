/**
 * The same tables without the add-in: GET /export/…xlsx and POST /import over HTTP on both databases.
 * A workbook downloaded, edited with exceljs (and round-tripped through LibreOffice where `soffice`
 * is installed) and uploaded gets the outcomes a GraphQL push of the same edits gets, CONFLICT and
 * LOCKED included; a malformed or foreign file is refused with code + reason and writes nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import {
  baselineFromTable,
  diffSheet,
  longTableFromObservations,
  planPush,
  type ServerObservation,
} from '../../addin/src/sync';
import { PULL, readLong } from '../addin/sync/helpers';
import { createToken, push, type PushRow } from '../helpers/push';
import { assertErrorShape, ok, startTestServer, type TestServer } from '../helpers/server';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = {
  unitCode: 'Mã đơn vị',
  indicatorCode: 'Mã chỉ tiêu',
  period: 'Kỳ',
  value: 'Giá trị',
  status: 'Tình trạng',
  source: 'Nguồn',
  note: 'Ghi chú',
  version: 'Phiên bản',
  baseline: 'Dữ liệu gốc (không sửa)',
  result: 'Kết quả',
};

const hasSoffice = (() => {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describeEachDb('.xlsx export and upload', (db) => {
  let t: TestServer;
  let editor: string;
  let viewer: string;
  let districts: string[];
  let plain: string; // an indicator not measured in %
  let percent: string; // one measured in %

  beforeAll(async () => {
    t = await startTestServer(db);
    editor = (await createToken(t, 'so-ke-hoach', 'PROVINCE_EDITOR', '38')).secret;
    viewer = (await createToken(t, 'xem', 'VIEWER')).secret;
    const d = ok(await t.gql('{ province(code: "38") { districts(activeOn: "2024-01-01") { code } } }'));
    // Districts without demo figures; years before the demo data's.
    districts = d.province.districts
      .map((x: { code: string }) => x.code)
      .filter((c: string) => !['390', '392'].includes(c));
    plain = 'THU_NHAP_BQ'; // triệu đồng/người/năm, 2 decimals
    percent = 'TD_TANG_GTSX'; // %, 2 decimals
  });
  afterAll(() => t?.stop());

  const download = async (query: string, token: string | null = editor) => {
    const res = await fetch(`${t.url}/export/${query}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    return res;
  };
  const workbookOf = async (res: Response) => {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    return wb;
  };
  const upload = async (body: Buffer | Uint8Array, query = '', token: string | null = editor, type = XLSX) =>
    fetch(`${t.url}/import${query}`, {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: new Blob([new Uint8Array(body)]),
    });
  const bytes = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

  /** Data rows by key "unit|indicator|period" with their row objects. */
  const rowsOf = (ws: ExcelJS.Worksheet) => {
    const cols = new Map<string, number>();
    ws.getRow(1).eachCell((c, n) => cols.set(String(c.value), n));
    const col = (h: keyof typeof HEADERS) => cols.get(HEADERS[h])!;
    const out = new Map<string, ExcelJS.Row>();
    ws.eachRow((r, n) => {
      if (n > 1)
        out.set(
          `${r.getCell(col('unitCode')).value}|${r.getCell(col('indicatorCode')).value}|${r.getCell(col('period')).value}`,
          r,
        );
    });
    return { rows: out, col };
  };

  const counts = async () => {
    const n = async (table: string) => Number((await t.server.ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
    return {
      observation: await n('observation'),
      revision: await n('observation_revision'),
      batch: await n('push_batch'),
      audit: await n('audit_event'),
      versions: JSON.stringify(await t.server.ds.query('SELECT id, version FROM observation ORDER BY id')),
    };
  };

  /** The observations the add-in's pull would hold (its ServerObservation shape). */
  const pull = async (indicatorCode: string, period: string): Promise<ServerObservation[]> =>
    ok(
      await t.gql(
        `query($i: [String!], $p: [String!]) { observations(filter: { indicatorCodes: $i, periods: $p }, first: 1000) {
          nodes { unit { id code name } indicator { code name unit decimals } period value status source note version } } }`,
        { i: [indicatorCode], p: [period] },
      ),
    ).observations.nodes;

  /** The sheet as Office.js hands it to the add-in: a grid of plain values. */
  const gridOf = (ws: ExcelJS.Worksheet): unknown[][] => {
    const grid: unknown[][] = [];
    ws.eachRow((r, n) => {
      const line: unknown[] = [];
      r.eachCell({ includeEmpty: true }, (c, i) => (line[i - 1] = c.value ?? null));
      grid[n - 1] = line;
    });
    return [...grid].map((l) => l ?? []);
  };

  const row = (unitCode: string, period: string, value: number | null, extra: Partial<PushRow> = {}): PushRow => ({
    unitCode,
    indicatorCode: plain,
    period,
    value,
    status: 'OFFICIAL',
    ...extra,
  });

  it('exports the long table with the add-in columns, text formats and a very hidden meta sheet', async () => {
    const [a, b] = districts;
    await push(t, [row(a!, '2016', 10.5, { source: 'Cục Thống kê' }), row(b!, '2016', 20)]);
    const wb = await workbookOf(
      await download(`province.xlsx?province=38&indicators=${plain}&fromYear=2016&toYear=2016`),
    );
    const meta = wb.getWorksheet('chitieu_export')!;
    expect(meta.state).toBe('veryHidden');
    // It opens on the data sheet, not on the hidden one before it.
    expect(wb.views[0]).toMatchObject({ activeTab: 1, firstSheet: 1 });
    const kv = new Map<string, unknown>();
    meta.eachRow((r) => kv.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(kv.get('kind')).toBe('province');
    expect(JSON.parse(String(kv.get('filter')))).toMatchObject({
      province: '38',
      indicatorCodes: [plain],
      fromYear: 2016,
    });
    expect(kv.get('server')).toBe(t.url);
    expect(String(kv.get('exportedAt'))).toMatch(/^\d{4}-\d\d-\d\dT/);
    const ws = wb.getWorksheet('Số liệu')!;
    const headers: string[] = [];
    ws.getRow(1).eachCell((c) => headers.push(String(c.value)));
    expect(headers).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Kỳ',
      'Giá trị',
      'Tình trạng',
      'Nguồn',
      'Ghi chú',
      'Phiên bản',
      'Mã định danh đơn vị',
      HEADERS.baseline,
      HEADERS.result,
    ]);
    const { rows, col } = rowsOf(ws);
    const r = rows.get(`${a}|${plain}|2016`)!;
    expect(r.getCell(col('value')).value).toBe(10.5);
    expect(r.getCell(col('status')).value).toBe('Chính thức');
    expect(r.getCell(col('source')).value).toBe('Cục Thống kê');
    expect(r.getCell(col('unitCode')).numFmt).toBe('@');
    expect(r.getCell(col('period')).numFmt).toBe('@');
    expect(ws.getColumn(col('baseline')).hidden).toBe(true);
    expect(ws.getColumn(col('version')).hidden).toBe(true);
  });

  /**
   * Edits made to a downloaded workbook, the workbook saved by `save` (exceljs itself, or LibreOffice
   * opening and saving it again), uploaded: the outcomes are those of the add-in's push of the same
   * edits, CONFLICT and LOCKED included.
   */
  const uploadMatchesPush = async (year: string, units: string[], save: (wb: ExcelJS.Workbook) => Promise<Buffer>) => {
    const [a, b, c, d, e, f] = units;
    const seeded = await push(t, [
      row(a!, year, 1.5),
      row(b!, year, 2.5),
      row(c!, year, 3.5),
      row(d!, year, 4.5),
      row(e!, year, 5.5),
    ]);
    expect(seeded.created).toBe(5);
    const wb = await workbookOf(
      await download(`province.xlsx?province=38&indicators=${plain}&fromYear=${year}&toYear=${year}`),
    );
    const pulled = await pull(plain, year);
    const ws = wb.getWorksheet('Số liệu')!;
    const { rows, col } = rowsOf(ws);
    const key = (u: string) => `${u}|${plain}|${year}`;
    // The edits a person makes in a spreadsheet program:
    rows.get(key(a!))!.getCell(col('value')).value = 1.75; // edited
    rows.get(key(b!))!.getCell(col('value')).value = null; // cleared: deletes
    rows.get(key(c!))!.getCell(col('status')).value = 'Sơ bộ'; // status only
    rows.get(key(d!))!.getCell(col('value')).value = 4.75; // someone else writes first: CONFLICT
    rows.get(key(e!))!.getCell(col('value')).value = 5.75; // the period gets approved: LOCKED
    const added = ws.addRow([]);
    added.getCell(col('unitCode')).value = f!;
    added.getCell(col('indicatorCode')).value = plain;
    added.getCell(col('period')).value = year;
    added.getCell(col('value')).value = 6.25; // typed under the table: created
    // In between: another user's push and an approval.
    await push(t, [row(d!, year, 4.6, { baseVersion: 1 })]);
    ok(
      await t.gql('mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { locked } }', {
        i: { unitCode: e, period: year },
      }),
    );

    // What the add-in's push of the same edits sends: its own sync engine, on the same sheet, with
    // the baseline of a pull made when the workbook was downloaded (addin/src/sync: read, diff, plan).
    const plan = planPush(diffSheet(baselineFromTable(longTableFromObservations(pulled), PULL), readLong(gridOf(ws))));
    expect(plan.problems).toEqual([]);
    const edits = plan.rows as PushRow[];
    const preview = await push(t, edits, { atomic: false, dryRun: true }, editor);
    const expected = new Map(edits.map((x, i) => [x.unitCode, preview.rows[i]!]));
    expect(new Map([...expected].map(([u, r]) => [u, r.outcome]))).toEqual(
      new Map([
        [a!, 'UPDATED'],
        [b!, 'DELETED'],
        [c!, 'UPDATED'],
        [d!, 'CONFLICT'],
        [e!, 'LOCKED'],
        [f!, 'CREATED'],
      ]),
    );

    const file = await save(wb);
    const res = await upload(file, '?atomic=false');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-chitieu-applied')).toBe('true');
    // The same file again (a retry after a lost answer): its hash is the idempotency key, so the
    // first answer is replayed and nothing is written twice.
    const before = await counts();
    const retry = await upload(file, '?atomic=false');
    expect(JSON.parse(retry.headers.get('x-chitieu-counts')!)).toMatchObject({ replayed: true, updated: 2 });
    expect(await counts()).toEqual(before);
    expect(JSON.parse(res.headers.get('x-chitieu-counts')!)).toMatchObject({
      created: 1,
      updated: 2,
      deleted: 1,
      rejected: 2,
    });
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await res.arrayBuffer());
    const annotated = rowsOf(back.getWorksheet('Số liệu')!);
    for (const [unit, want] of expected) {
      const r = annotated.rows.get(key(unit))!;
      const result = String(r.getCell(annotated.col('result')).value);
      expect(result.startsWith(`${want.outcome}:`), `${unit}: ${result}`).toBe(true);
      if (want.code) expect(result).toContain(want.code);
      const fill = r.getCell(annotated.col('value')).fill as ExcelJS.FillPattern;
      expect(fill.fgColor?.argb).toBe(
        (
          {
            UPDATED: 'FFC6EFCE',
            DELETED: 'FFC6EFCE',
            CREATED: 'FFC6EFCE',
            CONFLICT: 'FFFFEB9C',
            LOCKED: 'FFD9E1F2',
          } as Record<string, string>
        )[want.outcome],
      );
    }
    expect(String(annotated.rows.get(key(d!))!.getCell(annotated.col('result')).value)).toContain('4.6');
    // The database holds what the GraphQL push would have written.
    const stored = ok(
      await t.gql(
        'query($i: [String!], $p: [String!]) { observations(filter: { indicatorCodes: $i, periods: $p }) { nodes { unit { code } value status version } } }',
        { i: [plain], p: [year] },
      ),
    ).observations.nodes as { unit: { code: string }; value: number; status: string; version: number }[];
    const by = new Map(stored.map((o) => [o.unit.code, o]));
    expect(by.get(a!)).toMatchObject({ value: 1.75, version: 2 });
    expect(by.has(b!)).toBe(false);
    expect(by.get(c!)).toMatchObject({ value: 3.5, status: 'PRELIMINARY', version: 2 });
    expect(by.get(d!)).toMatchObject({ value: 4.6, version: 2 });
    expect(by.get(e!)).toMatchObject({ value: 5.5, version: 1 });
    expect(by.get(f!)).toMatchObject({ value: 6.25, version: 1 });

    // The annotated copy carries the new baselines: uploaded again it changes nothing more, and
    // the same file again is the same push (its hash is the idempotency key): replayed.
    const again = await upload(await bytes(back), '?atomic=false');
    expect(JSON.parse(again.headers.get('x-chitieu-counts')!)).toMatchObject({
      created: 0,
      updated: 0,
      deleted: 0,
      rejected: 2,
    });
  };

  it('an upload gives the outcomes a GraphQL push of the same edits gives, CONFLICT and LOCKED included', () =>
    uploadMatchesPush('2017', districts.slice(0, 6), bytes));

  it('is atomic by default: one refused row writes nothing, and a cell that cannot be read refuses its row', async () => {
    const [a, b] = districts;
    await push(t, [row(a!, '2018', 100), row(b!, '2018', 200)]);
    const wb = await workbookOf(
      await download(`province.xlsx?province=38&indicators=${plain}&fromYear=2018&toYear=2018`),
    );
    const ws = wb.getWorksheet('Số liệu')!;
    const { rows, col } = rowsOf(ws);
    rows.get(`${a}|${plain}|2018`)!.getCell(col('value')).value = '1.234,5'; // text with one reading
    rows.get(`${b}|${plain}|2018`)!.getCell(col('value')).value = '1.234'; // 1.234 or 1234? refused
    const before = await counts();
    const res = await upload(await bytes(wb));
    expect(res.status).toBe(200);
    expect(res.headers.get('x-chitieu-applied')).toBe('false');
    expect(await counts()).toEqual(before);
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await res.arrayBuffer());
    const a2 = rowsOf(back.getWorksheet('Số liệu')!);
    expect(String(a2.rows.get(`${b}|${plain}|2018`)!.getCell(a2.col('result')).value)).toMatch(
      /^INVALID XLSX_TEXT_NOT_NUMBER/,
    );
    expect(String(a2.rows.get(`${a}|${plain}|2018`)!.getCell(a2.col('result')).value)).toContain('UPDATED');

    // Fixed: the unambiguous text is read as 1234.5 and said so; nothing else is altered.
    rows.get(`${b}|${plain}|2018`)!.getCell(col('value')).value = 200;
    const fixed = await upload(await bytes(wb));
    expect(fixed.headers.get('x-chitieu-applied')).toBe('true');
    const v = ok(
      await t.gql(
        'query($u: [String!], $i: [String!]) { observations(filter: { unitCodes: $u, indicatorCodes: $i, periods: ["2018"] }) { nodes { value version } } }',
        { u: [a], i: [plain] },
      ),
    ).observations.nodes[0];
    expect(v).toEqual({ value: 1234.5, version: 2 });
    const fb = new ExcelJS.Workbook();
    await fb.xlsx.load(await fixed.arrayBuffer());
    const f2 = rowsOf(fb.getWorksheet('Số liệu')!);
    const ra = f2.rows.get(`${a}|${plain}|2018`)!;
    expect(String(ra.getCell(f2.col('result')).value)).toContain('read as 1234.5');
    expect(ra.getCell(f2.col('value')).value).toBe(1234.5);
  });

  it('a percent-formatted cell is a percent only on an indicator measured in %', async () => {
    const [a] = districts;
    await push(t, [row(a!, '2019', 12)]);
    const wb = await workbookOf(
      await download(`province.xlsx?province=38&indicators=${plain}&fromYear=2019&toYear=2019`),
    );
    const ws = wb.getWorksheet('Số liệu')!;
    const { rows, col } = rowsOf(ws);
    const cell = rows.get(`${a}|${plain}|2019`)!.getCell(col('value'));
    cell.value = 0.125;
    cell.numFmt = '0.0%';
    const res = await upload(await bytes(wb), '?dryRun=true');
    const back = new ExcelJS.Workbook();
    await back.xlsx.load(await res.arrayBuffer());
    const b = rowsOf(back.getWorksheet('Số liệu')!);
    expect(String(b.rows.get(`${a}|${plain}|2019`)!.getCell(b.col('result')).value)).toMatch(
      /^INVALID XLSX_PERCENT_AMBIGUOUS/,
    );
    if (percent) {
      const added = ws.addRow([]);
      added.getCell(col('unitCode')).value = a!;
      added.getCell(col('indicatorCode')).value = percent;
      added.getCell(col('period')).value = '2019';
      added.getCell(col('value')).value = 0.125;
      added.getCell(col('value')).numFmt = '0.0%';
      cell.numFmt = 'General';
      cell.value = 12;
      const ok2 = await upload(await bytes(wb));
      expect(JSON.parse(ok2.headers.get('x-chitieu-counts')!)).toMatchObject({ created: 1, rejected: 0 });
      const v = ok(
        await t.gql(
          'query($u: [String!], $i: [String!]) { observations(filter: { unitCodes: $u, indicatorCodes: $i, periods: ["2019"] }) { nodes { value } } }',
          { u: [a], i: [percent] },
        ),
      ).observations.nodes[0];
      expect(v.value).toBe(12.5);
    }
  });

  it('refuses a malformed, foreign, renamed or read-only workbook with code and reason, writing nothing', async () => {
    const good = await workbookOf(
      await download(`province.xlsx?province=38&indicators=${plain}&fromYear=2016&toYear=2016`),
    );
    const foreign = new ExcelJS.Workbook();
    const fs1 = foreign.addWorksheet('Số liệu');
    fs1.addRow(Object.values(HEADERS));
    fs1.addRow([districts[0], plain, '2016', 99]);
    const renamed = new ExcelJS.Workbook();
    await renamed.xlsx.load((await good.xlsx.writeBuffer()) as ArrayBuffer);
    const rws = renamed.getWorksheet('Số liệu')!;
    rws.getRow(1).eachCell((c) => {
      if (c.value === HEADERS.value) c.value = 'Số liệu 2016';
    });
    const comparison = await download('comparison.xlsx?province=38&fromYear=2016&toYear=2016');
    expect(comparison.status).toBe(200);
    const comparisonBytes = Buffer.from(await comparison.arrayBuffer());
    const cmp = new ExcelJS.Workbook();
    await cmp.xlsx.load(comparisonBytes as unknown as ArrayBuffer);
    const cmpRows: unknown[][] = [];
    cmp.getWorksheet('So sánh')!.eachRow((r) => cmpRows.push((r.values as unknown[]).slice(1)));
    expect(cmpRows[0]!.slice(0, 7)).toEqual([
      'Mã đơn vị',
      'Đơn vị',
      'Mã chỉ tiêu',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Kỳ',
      'Giá trị',
    ]);
    expect(cmpRows.some((r) => r[0] === districts[0] && r[2] === plain && r[5] === '2016' && r[6] === 10.5)).toBe(true);
    const cases: [string, Buffer | Uint8Array, number, string, string?, (string | null)?][] = [
      ['random bytes', Buffer.from('not a zip at all'), 400, 'XLSX_MALFORMED'],
      ['a truncated zip', (await bytes(good)).subarray(0, 500), 400, 'XLSX_MALFORMED'],
      ['a workbook not from chitieu', await bytes(foreign), 422, 'XLSX_FOREIGN'],
      ['a renamed column', await bytes(renamed), 422, 'XLSX_MISSING_COLUMNS'],
      ['the read-only comparison', comparisonBytes, 422, 'XLSX_NOT_UPLOADABLE'],
      ['JSON instead of a file', Buffer.from('{}'), 415, 'XLSX_MEDIA_TYPE', 'application/json'],
      ['no token', await bytes(good), 401, 'UNAUTHENTICATED', XLSX, null],
      ['a VIEWER token', await bytes(good), 403, 'FORBIDDEN', XLSX, viewer],
    ];
    // A real change in each, so a refusal is what stops it.
    const wsGood = good.getWorksheet('Số liệu')!;
    const { col } = rowsOf(wsGood);
    wsGood.getRow(2).getCell(col('value')).value = 777;
    cases[6]![1] = await bytes(good);
    cases[7]![1] = await bytes(good);
    const before = await counts();
    for (const [what, body, status, reason, type, token] of cases) {
      const res = await upload(body, '', token === undefined ? editor : token, type ?? XLSX);
      const json = (await res.json()) as {
        errors: { message: string; extensions: { code: string; reason: string } }[];
      };
      assertErrorShape(json, what);
      expect([what, res.status, json.errors[0]!.extensions.reason]).toEqual([what, status, reason]);
    }
    expect(await counts()).toEqual(before);
  });

  it('export needs a token unless PUBLIC_READ, and says what is wrong with a bad filter', async () => {
    const anon = await download(`province.xlsx?province=38`, null);
    expect(anon.status).toBe(401);
    const bad = await download(`province.xlsx?province=38&fromYear=20x1`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.reason).toBe('INVALID_YEAR');
    const none = await download(`province.xlsx`);
    expect(none.status).toBe(400);
  });

  it('exports the term sheet with a data sheet an upload reads', async () => {
    const terms = ok(
      await t.gql('{ terms(unitCode: "390") { id startYear endYear targets { indicator { code } } } }'),
    ).terms;
    const term = terms.find((x: { targets: unknown[] }) => x.targets.length > 0);
    expect(term).toBeDefined();
    const wb = await workbookOf(await download(`term.xlsx?term=${encodeURIComponent(term.id)}`));
    expect(wb.getWorksheet('Nhiệm kỳ')).toBeDefined();
    const ws = wb.getWorksheet('Số liệu')!;
    const { rows, col } = rowsOf(ws);
    expect(rows.size).toBe(term.targets.length * (term.endYear - term.startYear + 1));
    const first = [...rows.values()][0]!;
    first.getCell(col('value')).value = 42;
    const res = await upload(await bytes(wb), '?dryRun=true');
    expect(res.status).toBe(200);
    const c = JSON.parse(res.headers.get('x-chitieu-counts')!);
    expect(c.created + c.updated + c.rejected).toBe(1);
  });

  it('streams a large province table (memory does not hold the workbook)', async () => {
    const inds = ok(await t.gql('{ indicators { code unit decimals } }')).indicators as {
      code: string;
      unit: string;
    }[];
    const rowsToPush: PushRow[] = [];
    for (let y = 1995; y <= 2014; y++)
      for (const u of districts)
        for (const i of inds.filter((x) => !x.unit.startsWith('%')))
          rowsToPush.push({ unitCode: u, indicatorCode: i.code, period: String(y), value: y, status: 'OFFICIAL' });
    let n = 0;
    for (let i = 0; i < Math.min(rowsToPush.length, 40_000); i += 20_000)
      n += (await push(t, rowsToPush.slice(i, i + 20_000), { atomic: false })).created;
    expect(n).toBeGreaterThanOrEqual(15_000); // a large province's long table is 20,000–30,000 rows
    // Rough, not timed: the heap, sampled while the server streams the export to this process.
    global.gc?.();
    const base = process.memoryUsage().heapUsed;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed - base)), 10);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-')), 'big.xlsx');
    try {
      const res = await download(`province.xlsx?province=38&fromYear=1995&toYear=2014`);
      expect(res.status).toBe(200);
      await pipeline(Readable.fromWeb(res.body! as never), fs.createWriteStream(file));
    } finally {
      clearInterval(sampler);
    }
    let count = 0;
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {});
    for await (const sheet of reader) for await (const _ of sheet) count++;
    expect(count).toBe(n + 1 + 7); // data rows + header, and the 7 meta rows
    console.log(
      `[xlsx] ${n} rows, ${(fs.statSync(file).size / 1e6).toFixed(1)} MB file, heap peak +${(peak / 1e6).toFixed(0)} MB while exporting`,
    );
    // Streamed: one 10,000-row page at a time between the database and the zip (generous bound).
    expect(peak).toBeLessThan(300e6);
  }, 300_000);

  /** The workbook as LibreOffice Calc saves it again after opening it (headless, Excel 2007+ format). */
  const savedByLibreOffice = async (wb: ExcelJS.Workbook): Promise<Buffer> => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'soffice-'));
    try {
      const src = path.join(dir, 'in.xlsx');
      fs.writeFileSync(src, await bytes(wb));
      // Its own profile directory: a second soffice (another test file, a user) does not block this one.
      execFileSync(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--convert-to',
          'xlsx:Calc MS Excel 2007 XML',
          '--outdir',
          path.join(dir, 'out'),
          src,
        ],
        { stdio: 'ignore', timeout: 120_000 },
      );
      return fs.readFileSync(path.join(dir, 'out', 'in.xlsx'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };

  // CI sets REQUIRE_SOFFICE=1 (and installs LibreOffice Calc): there a missing soffice fails the test.
  it.skipIf(!hasSoffice && !process.env.REQUIRE_SOFFICE)(
    'a workbook saved again by LibreOffice gives the same outcomes, CONFLICT and LOCKED included',
    () =>
      uploadMatchesPush('2016', districts.slice(6, 12), async (wb) => {
        const saved = await savedByLibreOffice(wb);
        // What LibreOffice kept: the meta sheet hidden and the bookkeeping columns hidden (the
        // export opens on the data sheet: opened on the meta sheet, LibreOffice made it visible).
        const back = new ExcelJS.Workbook();
        await back.xlsx.load(new Uint8Array(saved).buffer);
        expect(back.getWorksheet('chitieu_export')?.state).toMatch(/^(hidden|veryHidden)$/);
        const { col } = rowsOf(back.getWorksheet('Số liệu')!);
        expect(back.getWorksheet('Số liệu')!.getColumn(col('baseline')).hidden).toBe(true);
        console.log(`[xlsx] LibreOffice saved the meta sheet as ${back.getWorksheet('chitieu_export')?.state}`);
        return saved;
      }),
    180_000,
  );
});
