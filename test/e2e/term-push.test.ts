/**
 * The district statistician in Chromium, against the real server on SQLite and MariaDB:
 * Hà Trung's term XXII pulled as a term sheet; three values edited, one cleared, one typed as text
 * (and one in an approved year); the preview marks each right; an all-or-nothing push writes
 * nothing, a non-atomic one exactly the valid rows; a concurrent edit by another client surfaces
 * as a conflict in the sheet and is settled both ways; a refresh refuses to drop un-pushed work.
 */
import { beforeAll, expect, it } from 'vitest';
import { MARK_COLORS } from '../../addin/src/workflow/marks';
import { ok, type TestServer } from '../helpers/server';
import { describeTaskpane, screenshotDir } from './browser';
import { Pane } from './pane';

const SHEET = 'Hà Trung XXII';
const TARGETS = [
  { indicatorCode: 'CHI_SO_QUY_MO_KT', period: '2025', value: 150, comparator: 'AT_LEAST' },
  { indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 70, comparator: 'AT_LEAST' },
  { indicatorCode: 'GTSX', period: '2025', value: 12000, comparator: 'AT_LEAST' },
  { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1.5, comparator: 'AT_MOST' },
];

describeTaskpane('add-in e2e: term sheet pull → edit → preview → push → conflict → resolve', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  let other: string;
  const shots = screenshotDir(e2e.db);
  const rowOf: Record<string, number> = {};
  const at = (code: string, col: string) => `${col}${rowOf[code]}`;

  /** The server's current Hà Trung yearly values, "CODE period" → { value, version, updatedBy }. */
  async function server(): Promise<Record<string, { value: number; version: number; updatedBy: string | null }>> {
    const d = ok(
      await s.gql(
        '{ observations(filter: { unitCodes: ["392"] }, first: 1000) { nodes { indicator { code } period value version updatedBy } } }',
      ),
    );
    return Object.fromEntries(
      d.observations.nodes.map((o: any) => [
        `${o.indicator.code} ${o.period}`,
        { value: o.value, version: o.version, updatedBy: o.updatedBy },
      ]),
    );
  }

  beforeAll(async () => {
    s = await e2e.server();
    const term = ok(await s.gql('{ terms(unitCode: "392") { id congressRoman } }')).terms[0];
    expect(term.congressRoman).toBe('XXII');
    const set = ok(
      await s.gql('mutation($i: SetTargetsInput!) { setTargets(input: $i) { userErrors { code message } } }', {
        i: { termId: term.id, targets: TARGETS },
      }),
    );
    expect(set.setTargets.userErrors).toEqual([]);
    const lock = ok(
      await s.gql(
        'mutation { approvePeriod(input: { unitCode: "392", period: "2022" }) { locked userErrors { message } } }',
      ),
    );
    expect(lock.approvePeriod.locked).toBe(true);
    const token = async (name: string) =>
      ok(
        await s.gql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
          i: { name, role: 'DISTRICT_EDITOR', scopeCode: '392' },
        }),
      ).createApiToken.token as string;
    const mine = await token('Thống kê Hà Trung (Excel)');
    other = await token('Chi cục Thống kê (API)');
    pane = await e2e.pane(s);
    await pane.byId('token').waitFor();
    await pane.expectAccessible('connect screen');
    // A wrong token: the error is shown (and announced assertively), and the form stays usable.
    await pane.byId('token').fill('ctk_wrong');
    await pane.byId('connect').click();
    await pane.byId('notice-error').waitFor();
    expect(await pane.byId('announce-assertive').innerText()).toBe(await pane.byId('notice-text').innerText());
    await pane.expectAccessible('connect error');
    pane.errors.splice(0); // the 401 and the pane's log of it were asked for
    await pane.connect(mine);
    await pane.expectAccessible('connected');
  });

  it('pulls the term sheet: a row per target, a column per year, codes as text', async () => {
    await pane.pickUnit('unit-search', 'ha trung', 'Hà Trung', { before: true, level: 'DISTRICT' });
    await pane.page.getByTestId('term-picker').filter({ hasText: 'XXII' }).waitFor();
    await pane.act('pull');
    await pane.byId('notice-success').waitFor();
    const grid = await pane.grid(SHEET);
    expect(grid[0]).toEqual([
      'Mã',
      'Chỉ tiêu',
      'Đơn vị tính',
      'Mục tiêu',
      'So sánh',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      'Tỷ lệ đạt',
      'Mức đạt',
    ]);
    grid.slice(1).forEach((r, i) => (rowOf[String(r[0])] = i + 2));
    expect(Object.keys(rowOf).sort()).toEqual(TARGETS.map((t) => t.indicatorCode).sort());
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'I'))).value).toBe(141);
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'F'))).value).toBe(100);
    expect((await pane.cell(SHEET, at('THU_NHAP_BQ', 'I'))).value).toBe(53.2);
    expect((await pane.cell(SHEET, at('GTSX', 'A'))).format).toBe('@');
    expect(await pane.byId('sheet-status').innerText()).toContain(SHEET);
    expect(await pane.byId('announce-polite').innerText()).toBe(await pane.byId('notice-text').innerText());
    await pane.expectAccessible('term sheet pulled');
    await pane.shot(shots, '1-pull');
  });

  it('preview marks each edit with what a push would do, and writes nothing', async () => {
    await pane.type(SHEET, at('CHI_SO_QUY_MO_KT', 'I'), 142); // edited
    await pane.type(SHEET, at('THU_NHAP_BQ', 'I'), 54); // edited
    await pane.type(SHEET, at('THU_NHAP_BQ', 'J'), 57.5); // edited: a new value
    await pane.type(SHEET, at('CHI_SO_QUY_MO_KT', 'F'), ''); // cleared
    // Typed as text: in vi-VN the decimal separator is ",", so Excel reads "12,5" as 12.5 but
    // keeps "12.5" as text (the old in-page fake kept "12,5" as text, which Excel never does).
    await pane.type(SHEET, at('GTSX', 'I'), '12.5');
    await pane.type(SHEET, at('TY_LE_HO_NGHEO', 'H'), 2.1); // in the approved year 2022
    const before = await server();
    await pane.act('preview');
    const expected = {
      [at('CHI_SO_QUY_MO_KT', 'I')]: 'WILL_UPDATE',
      [at('THU_NHAP_BQ', 'I')]: 'WILL_UPDATE',
      [at('THU_NHAP_BQ', 'J')]: 'WILL_CREATE',
      [at('CHI_SO_QUY_MO_KT', 'F')]: 'WILL_DELETE',
      [at('GTSX', 'I')]: 'LOCAL_PROBLEM',
      [at('TY_LE_HO_NGHEO', 'H')]: 'LOCKED',
    } as const;
    expect(await pane.resultStates()).toEqual(expected);
    const fills = await pane.fills(SHEET, Object.keys(expected));
    for (const [cell, state] of Object.entries(expected)) expect(fills[cell], cell).toBe(MARK_COLORS[state]);
    expect((await pane.cell(SHEET, at('GTSX', 'I'))).prompt).toEqual({
      title: 'Ô chưa hợp lệ',
      message: expect.stringMatching(/không phải số.*có phải 12.5/),
    });
    expect(await server()).toEqual(before);
    // A line of the results list selects its cell in the sheet.
    await pane.page.locator(`[data-testid=result-item][data-cell="${at('GTSX', 'I')}"]`).click();
    await pane.page.waitForFunction((cell) => (window as any).__excel.selection()?.address === cell, at('GTSX', 'I'));
    // Lines name the indicator, not its code; the keyboard reaches them, and Enter selects too.
    const line = pane.page.locator(`[data-testid=result-item][data-cell="${at('THU_NHAP_BQ', 'J')}"]`);
    expect(await line.innerText()).toContain('Thu nhập bình quân');
    expect(await line.innerText()).not.toContain('THU_NHAP_BQ');
    await line.focus();
    await pane.page.keyboard.press('Enter');
    await pane.page.waitForFunction(
      (cell) => (window as any).__excel.selection()?.address === cell,
      at('THU_NHAP_BQ', 'J'),
    );
    expect(await line.evaluate((e) => getComputedStyle(e).outlineStyle)).not.toBe('none');
    expect(await pane.byId('announce-polite').innerText()).toBe(await pane.byId('results-headline').innerText());
    await pane.expectAccessible('preview with problems');
    await pane.shot(shots, '2-preview');
  });

  it('all or nothing: one locked cell and nothing is written', async () => {
    const before = await server();
    await pane.act('push');
    expect(await pane.byId('results-headline').innerText()).toContain('Chưa ghi gì');
    const states = await pane.resultStates();
    expect(states[at('CHI_SO_QUY_MO_KT', 'I')]).toBe('NOT_APPLIED');
    expect(states[at('THU_NHAP_BQ', 'J')]).toBe('NOT_APPLIED');
    expect(states[at('TY_LE_HO_NGHEO', 'H')]).toBe('LOCKED');
    expect(await server()).toEqual(before);
  });

  it('not atomic: exactly the valid cells are written; the locked and the text cell stay marked', async () => {
    await pane.byId('atomic').click();
    await pane.act('push');
    expect(await pane.byId('results-headline').innerText()).toBe('Đã ghi 4 ô; 2 ô chưa ghi, cần xử lý (xem bên dưới).');
    expect(await pane.resultStates()).toEqual({
      [at('CHI_SO_QUY_MO_KT', 'I')]: 'UPDATED',
      [at('THU_NHAP_BQ', 'I')]: 'UPDATED',
      [at('THU_NHAP_BQ', 'J')]: 'CREATED',
      [at('CHI_SO_QUY_MO_KT', 'F')]: 'DELETED',
      [at('GTSX', 'I')]: 'LOCAL_PROBLEM',
      [at('TY_LE_HO_NGHEO', 'H')]: 'LOCKED',
    });
    const now = await server();
    expect(now['CHI_SO_QUY_MO_KT 2023']?.value).toBe(142);
    expect(now['THU_NHAP_BQ 2023']?.value).toBe(54);
    expect(now['THU_NHAP_BQ 2024']?.value).toBe(57.5);
    expect(now['CHI_SO_QUY_MO_KT 2020']).toBeUndefined();
    expect(now['GTSX 2023']).toBeUndefined();
    expect(now['TY_LE_HO_NGHEO 2022']).toBeUndefined();
    expect(now['THU_NHAP_BQ 2024']?.updatedBy).toBe('Thống kê Hà Trung (Excel)');
    await pane.expectAccessible('push results');
    await pane.shot(shots, '3-push');
  });

  it('a concurrent edit from another client surfaces as a conflict in the sheet', async () => {
    const v = await server();
    const push = await s.gql(
      'mutation($i: PushObservationsInput!) { pushObservations(input: $i) { applied rows { outcome } } }',
      {
        i: {
          rows: [
            {
              unitCode: '392',
              indicatorCode: 'CHI_SO_QUY_MO_KT',
              period: '2023',
              value: 150,
              status: 'ESTIMATED',
              baseVersion: v['CHI_SO_QUY_MO_KT 2023']!.version,
            },
            {
              unitCode: '392',
              indicatorCode: 'THU_NHAP_BQ',
              period: '2023',
              value: 55,
              status: 'ESTIMATED',
              baseVersion: v['THU_NHAP_BQ 2023']!.version,
            },
          ],
        },
      },
      other,
    );
    expect(ok(push).pushObservations.applied).toBe(true);
    await pane.type(SHEET, at('CHI_SO_QUY_MO_KT', 'I'), 143);
    await pane.type(SHEET, at('THU_NHAP_BQ', 'I'), 54.5);
    await pane.type(SHEET, at('GTSX', 'I'), 12.5); // the text fixed
    await pane.type(SHEET, at('TY_LE_HO_NGHEO', 'H'), ''); // the locked edit withdrawn
    await pane.act('push');
    const conflicts = pane.page.getByTestId('conflict');
    expect(await conflicts.count()).toBe(2);
    const chiSo = pane.page.locator(`[data-testid=conflict][data-cell="${at('CHI_SO_QUY_MO_KT', 'I')}"]`);
    expect(await chiSo.getByTestId('conflict-body').innerText()).toMatch(/150.*Chi cục Thống kê \(API\).*143/s);
    // Server's, yours, and the figure you pulled (142, pushed by you before the colleague's edit).
    expect(await chiSo.getByTestId('conflict-server').innerText()).toMatch(/^150 .*Chi cục Thống kê \(API\)/);
    expect(await chiSo.getByTestId('conflict-mine').innerText()).toBe('143');
    expect(await chiSo.getByTestId('conflict-pulled').innerText()).toBe('142');
    // Neither way out is the default: both buttons look the same.
    const look = (id: string) =>
      chiSo.getByTestId(id).evaluate((e) => {
        const c = getComputedStyle(e);
        return [c.backgroundColor, c.color, c.fontWeight, c.borderColor];
      });
    expect(await look('keep-mine')).toEqual(await look('take-server'));
    await pane.expectAccessible('conflicts');
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'I'))).fill).toBe(MARK_COLORS.CONFLICT);
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'I'))).value).toBe(143); // nothing lost
    expect((await server())['GTSX 2023']?.value).toBe(12.5);
    expect((await server())['CHI_SO_QUY_MO_KT 2023']?.value).toBe(150);
    await pane.shot(shots, '4-conflict');
  });

  it('resolves one conflict by taking the server value and the other by keeping mine', async () => {
    const chiSo = pane.page.locator(`[data-testid=conflict][data-cell="${at('CHI_SO_QUY_MO_KT', 'I')}"]`);
    await chiSo.getByTestId('take-server').click();
    await pane.idle();
    await chiSo.waitFor({ state: 'detached' });
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'I'))).value).toBe(150);
    expect((await pane.cell(SHEET, at('CHI_SO_QUY_MO_KT', 'I'))).fill).toBeNull();

    const thuNhap = pane.page.locator(`[data-testid=conflict][data-cell="${at('THU_NHAP_BQ', 'I')}"]`);
    await thuNhap.getByTestId('keep-mine').click();
    await pane.idle();
    await thuNhap.waitFor({ state: 'detached' });
    const now = await server();
    expect(now['THU_NHAP_BQ 2023']?.value).toBe(54.5);
    expect(now['THU_NHAP_BQ 2023']?.updatedBy).toBe('Thống kê Hà Trung (Excel)');
    expect(now['CHI_SO_QUY_MO_KT 2023']?.value).toBe(150);
    expect((await pane.resultStates())[at('THU_NHAP_BQ', 'I')]).toBe('UPDATED');
    // Settled conflicts are listed nowhere as open.
    expect(Object.values(await pane.resultStates())).not.toContain('CONFLICT');
    await pane.expectAccessible('conflicts resolved');
    await pane.shot(shots, '5-resolved');

    await pane.act('preview'); // the sheet and the server now agree
    expect(await pane.byId('results-headline').innerText()).toBe('Không có thay đổi nào để gửi.');
  });

  it('refresh refuses to overwrite un-pushed edits without an explicit choice', async () => {
    await pane.type(SHEET, at('THU_NHAP_BQ', 'K'), 60);
    await pane.byId('refresh').click();
    await pane.byId('refresh-dialog').waitFor();
    await pane.expectAccessible('refresh decision');
    await pane.byId('refresh-cancel').click();
    await pane.idle();
    expect((await pane.cell(SHEET, at('THU_NHAP_BQ', 'K'))).value).toBe(60);
    await pane.byId('refresh').click();
    await pane.byId('refresh-dialog').waitFor();
    await pane.byId('refresh-merge').click();
    await pane.idle();
    await pane.byId('notice-success').waitFor();
    expect((await pane.cell(SHEET, at('THU_NHAP_BQ', 'K'))).value).toBe(60);
    expect((await pane.cell(SHEET, at('THU_NHAP_BQ', 'I'))).value).toBe(54.5);
    expect((await server())['THU_NHAP_BQ 2025']).toBeUndefined();
    await pane.act('preview');
    expect(await pane.resultStates()).toEqual({ [at('THU_NHAP_BQ', 'K')]: 'WILL_CREATE' });
    pane.expectNoPageErrors();
  });

  it('a push cancelled once its request is sent: the pane says it will still be written, and it is', async () => {
    const push = await pane.hold('pushObservations');
    await pane.byId('push').click();
    await push.held;
    await pane.byId('cancel-job').click();
    expect(await pane.byId('progress-label').innerText()).toMatch(
      /^Yêu cầu đã gửi lên máy chủ: phần đã gửi vẫn sẽ được ghi/,
    );
    await pane.expectAccessible('push in flight, cancel asked');
    push.release();
    await pane.idle();
    expect(await pane.byId('notice-info').getByTestId('notice-text').innerText()).toBe(
      'Không huỷ kịp: yêu cầu đã gửi và máy chủ đã xử lý (xem Kết quả).',
    );
    expect(await pane.resultStates()).toEqual({ [at('THU_NHAP_BQ', 'K')]: 'CREATED' });
    expect((await server())['THU_NHAP_BQ 2025']?.value).toBe(60);
    pane.expectNoPageErrors();
  });

  it('English mode: the same pane in English, as accessible', async () => {
    await pane.byId('lang').click();
    await pane.page.getByRole('heading', { name: 'Resolution indicators' }).waitFor();
    expect(await pane.page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await pane.byId('results-headline').innerText()).toBe('Pushed: the server wrote it.');
    await pane.expectAccessible('English mode');
    await pane.byId('lang').click();
    await pane.page.getByRole('heading', { name: 'Chỉ tiêu Nghị quyết' }).waitFor();
    pane.expectNoPageErrors();
  });
});
