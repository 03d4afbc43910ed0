/**
 * The 2025 reorganisation in Chromium (issue 10), against the real server on SQLite and MariaDB:
 * - code 37 names old Ninh Bình (until 2025-06-30) and merged Ninh Bình (from 2025-07-01): a long
 *   table of the province's own 2025 figures shows both, each row keeps its unit's id, and a push
 *   writes each figure on its own unit; a row typed for 2025-04 goes to old Ninh Bình, one typed
 *   for the year 2025 is refused as AMBIGUOUS_UNIT and the pane says what to do;
 * - term sheets of a commune (Xã Ba Dinh, 21499, whose code an abolished commune also had) and of a
 *   province (Thanh Hóa, 38) for 2025–2030, created through GraphQL, are listed, pulled and pushed.
 */
import { beforeAll, expect, it } from 'vitest';
import { ADMIN, ok, type TestServer } from '../helpers/server';
import { describeTaskpane } from './browser';
import { Pane } from './pane';
import { MARK_COLORS } from '../../addin/src/workflow/marks';

const PUSH = `mutation($i: PushObservationsInput!) { pushObservations(input: $i) {
  applied rows { outcome code message } userErrors { code message } } }`;

describeTaskpane('add-in e2e: the 2025 reorganisation (unit ids on push, province and commune terms)', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  const ids = { oldNB: '', newNB: '', oldBaDinh: '', newBaDinh: '', p35: '', p36: '' };

  async function push(rows: Record<string, unknown>[]): Promise<void> {
    const r = ok(await s.gql(PUSH, { i: { rows, atomic: true } })).pushObservations;
    expect(r.rows.filter((x: any) => x.code)).toEqual([]);
    expect(r.userErrors).toEqual([]);
    expect(r.applied).toBe(true);
  }

  /** The server's figures of `code` for `indicator`, "period unitId" → value. */
  async function figures(code: string, indicator: string): Promise<Record<string, number>> {
    const d = ok(
      await s.gql(
        `query($f: ObservationFilter!) { observations(filter: $f, first: 1000) { nodes { unit { id } period value } } }`,
        { f: { unitCodes: [code], indicatorCodes: [indicator] } },
      ),
    );
    return Object.fromEntries(d.observations.nodes.map((o: any) => [`${o.period} ${o.unit.id}`, o.value]));
  }

  beforeAll(async () => {
    s = await e2e.server();
    const u = ok(
      await s.gql(`{
        oldNB: province(code: "37", on: "2025-01-01") { id validTo }
        newNB: province(code: "37") { id validFrom }
        oldBaDinh: commune(code: "21499", on: "2025-01-01") { id name }
        newBaDinh: commune(code: "21499") { id name }
        p35: province(code: "35", on: "2025-01-01") { id }
        p36: province(code: "36", on: "2025-01-01") { id } }`),
    );
    expect(u.oldNB.validTo).toBe('2025-06-30');
    expect(u.newNB.validFrom).toBe('2025-07-01');
    expect(u.oldNB.id).not.toBe(u.newNB.id);
    expect(u.oldBaDinh.id).not.toBe(u.newBaDinh.id);
    Object.assign(ids, {
      oldNB: u.oldNB.id,
      newNB: u.newNB.id,
      oldBaDinh: u.oldBaDinh.id,
      newBaDinh: u.newBaDinh.id,
      p35: u.p35.id,
      p36: u.p36.id,
    });
    const row = (unitCode: string, unitId: string, indicatorCode: string, period: string, value: number) => ({
      unitCode,
      unitId,
      indicatorCode,
      period,
      value,
    });
    await push([
      row('37', ids.oldNB, 'THU_NHAP_BQ', '2025', 60),
      row('37', ids.newNB, 'THU_NHAP_BQ', '2025', 70),
      row('37', ids.oldNB, 'GTSX', '2025-03', 100),
      row('21499', ids.oldBaDinh, 'THU_NHAP_BQ', '2025', 33),
      row('21499', ids.newBaDinh, 'THU_NHAP_BQ', '2025', 44),
      // Before the reform: Hà Nam (35), Nam Định (36) and old Ninh Bình (37) went into merged Ninh Bình.
      row('35', ids.p35, 'VON_DAU_TU_XH', '2023', 100.1),
      row('36', ids.p36, 'VON_DAU_TU_XH', '2023', 200.2),
      row('37', ids.oldNB, 'VON_DAU_TU_XH', '2023', 300.3),
      row('35', ids.p35, 'VON_DAU_TU_XH', '2022', 1000.05),
      row('37', ids.oldNB, 'VON_DAU_TU_XH', '2022', 2000.15),
    ]);
    pane = await e2e.pane(s);
    await pane.connect(ADMIN);
  });

  let sheet = '';
  let grid: unknown[][] = [];
  const rowOf = (name: string, indicator: string, period: string) =>
    grid.findIndex((r) => String(r[1]).startsWith(name) && r[2] === indicator && r[5] === period) + 1;

  it('pulls 37 over 2025 as a long table: old and merged Ninh Bình are separate rows, each with its unit id', async () => {
    await pane.pickUnit('unit-search', 'ninh binh', 'Tỉnh Ninh Bình', { before: false, level: 'PROVINCE' });
    await pane.byId('layout-long').click();
    await pane.byId('province-own').click();
    await pane.byId('pull-from').fill('2025');
    await pane.byId('pull-to').fill('2025');
    await pane.act('pull');
    const info = (await pane.sheets()).find((x) => x.name.startsWith('Dữ liệu Ninh Bình'))!;
    sheet = info.name;
    expect(info.hidden).toEqual([10, 11]);
    grid = await pane.grid(sheet);
    expect(grid[0]!.slice(-2)).toEqual(['Phiên bản', 'Mã định danh đơn vị']);
    const old = rowOf('Tỉnh Ninh Bình (đến 30/06/2025)', 'THU_NHAP_BQ', '2025');
    const merged = rowOf('Tỉnh Ninh Bình (từ 01/07/2025)', 'THU_NHAP_BQ', '2025');
    expect(old).toBeGreaterThan(1);
    expect(merged).toBeGreaterThan(1);
    expect([grid[old - 1]![6], grid[old - 1]![11]]).toEqual([60, ids.oldNB]);
    expect([grid[merged - 1]![6], grid[merged - 1]![11]]).toEqual([70, ids.newNB]);
    pane.expectNoPageErrors();
  });

  it('edits both rows and pushes: each figure lands on its own unit', async () => {
    const old = rowOf('Tỉnh Ninh Bình (đến 30/06/2025)', 'THU_NHAP_BQ', '2025');
    const merged = rowOf('Tỉnh Ninh Bình (từ 01/07/2025)', 'THU_NHAP_BQ', '2025');
    await pane.type(sheet, `G${old}`, 61);
    await pane.type(sheet, `G${merged}`, 71);
    await pane.act('preview');
    expect(await pane.resultStates()).toEqual({ [`G${old}`]: 'WILL_UPDATE', [`G${merged}`]: 'WILL_UPDATE' });
    await pane.act('push');
    expect(await pane.resultStates()).toEqual({ [`G${old}`]: 'UPDATED', [`G${merged}`]: 'UPDATED' });
    expect(await figures('37', 'THU_NHAP_BQ')).toEqual({ [`2025 ${ids.oldNB}`]: 61, [`2025 ${ids.newNB}`]: 71 });
    pane.expectNoPageErrors();
  });

  it('a typed row goes to the one unit of its period; one for the whole of 2025 is refused as ambiguous, clearly', async () => {
    const next = grid.length + 1;
    for (const [r, period, value] of [
      [next, '2025-04', 5],
      [next + 1, '2025', 9],
    ] as const) {
      await pane.type(sheet, `A${r}`, '37');
      await pane.type(sheet, `C${r}`, 'GTSX');
      await pane.type(sheet, `F${r}`, period);
      await pane.type(sheet, `G${r}`, value);
    }
    await pane.byId('atomic').click(); // write the good row, keep the refused one marked
    await pane.act('push');
    expect(await pane.resultStates()).toEqual({ [`G${next}`]: 'CREATED', [`G${next + 1}`]: 'INVALID' });
    const refused = await pane.page.locator(`[data-testid=result-item][data-cell="G${next + 1}"]`).innerText();
    expect(refused).toContain('hai đơn vị');
    expect(refused).toContain('từ 01/07/2025');
    expect(await figures('37', 'GTSX')).toEqual({ [`2025-03 ${ids.oldNB}`]: 100, [`2025-04 ${ids.oldNB}`]: 5 });
    await pane.expectAccessible('push with an ambiguous row refused');
    await pane.byId('atomic').click();
    pane.expectNoPageErrors();
  });

  it("lists, pulls and pushes a commune's 2025–2030 term: only that commune's figures, written to it", async () => {
    const created = ok(
      await s.gql(
        `mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id congressRoman } userErrors { code message } } }`,
        { i: { unitCode: '21499', unitId: ids.newBaDinh, congressNumber: 1, startYear: 2025, endYear: 2030 } },
      ),
    ).createTerm;
    expect(created.userErrors).toEqual([]);
    const set = ok(
      await s.gql('mutation($i: SetTargetsInput!) { setTargets(input: $i) { userErrors { code message } } }', {
        i: {
          termId: created.term.id,
          targets: [{ indicatorCode: 'THU_NHAP_BQ', period: '2030', value: 80, comparator: 'AT_LEAST' }],
        },
      }),
    );
    expect(set.setTargets.userErrors).toEqual([]);
    await pane.pickUnit('unit-search', 'ba dinh', 'Xã Ba Dinh — Tỉnh Quảng Ngãi', {
      before: false,
      level: 'COMMUNE',
    });
    await pane.byId('layout-term').click();
    await pane.page.getByTestId('term-picker').filter({ hasText: '2025–2030' }).waitFor();
    const before = new Set((await pane.sheets()).map((x) => x.name));
    await pane.act('pull');
    const name = (await pane.sheets()).map((x) => x.name).find((n) => !before.has(n))!;
    const g = await pane.grid(name);
    expect(g[0]).toEqual([
      'Mã',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Mục tiêu',
      'So sánh',
      '2025',
      '2026',
      '2027',
      '2028',
      '2029',
      '2030',
      'Tỷ lệ đạt',
      'Mức đạt',
    ]);
    expect(g[1]![0]).toBe('THU_NHAP_BQ');
    expect(g[1]![5]).toBe(44); // today's Xã Ba Dinh, not the abolished commune's 33
    await pane.type(name, 'F2', 45);
    await pane.type(name, 'G2', 50);
    await pane.act('push');
    expect(await pane.resultStates()).toEqual({ F2: 'UPDATED', G2: 'CREATED' });
    expect(await figures('21499', 'THU_NHAP_BQ')).toEqual({
      [`2025 ${ids.oldBaDinh}`]: 33,
      [`2025 ${ids.newBaDinh}`]: 45,
      [`2026 ${ids.newBaDinh}`]: 50,
    });
    pane.expectNoPageErrors();
  });

  it("lists and pulls a province's 2025–2030 term (Thanh Hóa)", async () => {
    const created = ok(
      await s.gql(
        `mutation { createTerm(input: { unitCode: "38", congressNumber: 20, startYear: 2025, endYear: 2030 }) {
          term { id } userErrors { code message } } }`,
      ),
    ).createTerm;
    expect(created.userErrors).toEqual([]);
    ok(
      await s.gql('mutation($i: SetTargetsInput!) { setTargets(input: $i) { userErrors { code message } } }', {
        i: {
          termId: created.term.id,
          targets: [{ indicatorCode: 'GTSX', period: '2030', value: 500000, comparator: 'AT_LEAST' }],
        },
      }),
    );
    await pane.pickUnit('unit-search', 'thanh hoa', 'Tỉnh Thanh Hóa', { before: false, level: 'PROVINCE' });
    await pane.page.getByTestId('term-picker').filter({ hasText: 'XX (2025–2030)' }).waitFor();
    const before = new Set((await pane.sheets()).map((x) => x.name));
    await pane.act('pull');
    const name = (await pane.sheets()).map((x) => x.name).find((n) => !before.has(n))!;
    expect(name).toContain('XX');
    const g = await pane.grid(name);
    expect(g[0]!.slice(5, 11)).toEqual(['2025', '2026', '2027', '2028', '2029', '2030']);
    expect(g[1]![0]).toBe('GTSX');
    await pane.type(name, 'F2', 321);
    await pane.act('push');
    expect(await pane.resultStates()).toEqual({ F2: 'CREATED' });
    const units = ok(await s.gql('{ province(code: "38") { id } }')).province;
    expect(await figures('38', 'GTSX')).toMatchObject({ [`2025 ${units.id}`]: 321 });
    pane.expectNoPageErrors();
  });

  it("pulls today's boundaries: values of merged provinces combined into merged Ninh Bình, shaded, read-only, never pushed", async () => {
    await pane.pickUnit('unit-search', 'ninh binh', 'Tỉnh Ninh Bình', { before: false, level: 'PROVINCE' });
    await pane.byId('layout-long').click();
    if (!(await pane.byId('province-own').isChecked())) await pane.byId('province-own').click();
    await pane.byId('boundaries-CURRENT').click();
    await pane.byId('pull-from').fill('2022');
    await pane.byId('pull-to').fill('2023');
    const before = new Set((await pane.sheets()).map((x) => x.name));
    await pane.act('pull');
    const name = (await pane.sheets()).map((x) => x.name).find((n) => !before.has(n))!;
    expect(name).toBe('Dữ liệu Ninh Bình (nay)');
    const g = await pane.grid(name);
    const at = (period: string) => g.findIndex((r) => r[2] === 'VON_DAU_TU_XH' && r[5] === period) + 1;
    const y2023 = at('2023');
    const y2022 = at('2022');
    expect([g[y2023 - 1]![0], g[y2023 - 1]![6], g[y2023 - 1]![11]]).toEqual(['37', 600.6, ids.newNB]);
    const full = await pane.cell(name, `G${y2023}`);
    expect(full.fill).toBe(MARK_COLORS.DERIVED);
    expect(full.prompt?.message).toContain('35, 36, 37');
    const partial = await pane.cell(name, `G${y2022}`);
    expect(partial.fill).toBe(MARK_COLORS.DERIVED);
    expect(partial.prompt?.message).toContain('chưa đầy đủ');
    // An edit of a combined value is refused in the sheet; nothing reaches the server.
    await pane.type(name, `G${y2023}`, 700);
    await pane.act('preview');
    expect(await pane.resultStates()).toEqual({ [`G${y2023}`]: 'LOCAL_PROBLEM' });
    expect(await pane.page.locator(`[data-testid=result-item][data-cell="G${y2023}"]`).innerText()).toContain(
      'chỉ để xem',
    );
    await pane.expectAccessible('preview of an edited combined value');
    await pane.act('push');
    expect(await figures('37', 'VON_DAU_TU_XH')).toEqual({
      [`2023 ${ids.oldNB}`]: 300.3,
      [`2022 ${ids.oldNB}`]: 2000.15,
    });
    await pane.byId('boundaries-AS_REPORTED').click();
    pane.expectNoPageErrors();
  });
});
