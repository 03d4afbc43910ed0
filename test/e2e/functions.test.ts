/**
 * The CHITIEU functions in Chromium: the built pane from the real server, with the strict stand-in
 * (its custom-functions host fed the add-in's own functions.json) in place of Office.js. The page
 * registers the functions in its shared runtime; cells answer #N/A until the pane connects, then the
 * demo data's numbers, in one request; the pane's refresh asks again.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { ok, type TestServer } from '../helpers/server';
import { describeTaskpane } from './browser';
import { Pane } from './pane';

const metadata = (f: string) => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../addin/public', f), 'utf8'));

const FORMULAS = [
  '=CHITIEU.GIATRI("392"; "THU_NHAP_BQ"; "2023")',
  '=CHITIEU.TYLEDAT("390"; "VON_DAU_TU_XH"; "2020-2025")',
  '=CHITIEU.XEPHANG(392; "THU_NHAP_BQ"; 2023)',
  '=CHITIEU.GIATRI("999"; "THU_NHAP_BQ"; "2023")',
  '=CHITIEU.GIATRI("392"; "THU_NHAP_BQ"; "2023-H3")',
];

describeTaskpane('add-in e2e: the CHITIEU functions', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  let cellRequests = 0;
  let token = '';

  const recalculate = () =>
    pane.page.evaluate(async (formulas) => {
      const host = (window as any).__excel.book.functions;
      host.enter(formulas);
      return host.recalculate();
    }, FORMULAS);

  beforeAll(async () => {
    s = await e2e.server();
    token = ok(
      await s.gql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
        i: { name: 'Phân tích (Excel)', role: 'VIEWER' },
      }),
    ).createApiToken.token as string;
    pane = await e2e.pane(s, {
      excel: {
        functions: {
          metadata: { 'vi-VN': metadata('functions.json'), 'en-US': metadata('functions-en.json') },
          namespace: 'CHITIEU',
        },
      },
    });
    pane.page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && (r.postData() ?? '').includes('cellValues')) cellRequests++;
    });
    await pane.byId('functions-card').waitFor();
  });

  it('before the pane connects, every cell says how to connect (and nothing is cached)', async () => {
    const values = await recalculate();
    expect(values.slice(0, 4)).toEqual(
      Array(4).fill({ error: '#N/A', message: 'Chưa kết nối máy chủ: mở ngăn Chỉ tiêu và đăng nhập' }),
    );
    expect(values[4]).toMatchObject({ error: '#VALUE!' });
  });

  it('connected: the demo data’s numbers, an unknown unit as #N/A, in one request; the refresh asks again', async () => {
    await pane.connect(token);
    const before = cellRequests;
    expect(await recalculate()).toEqual([
      53.2,
      0.554,
      1,
      { error: '#N/A', message: 'Không có đơn vị mã 999' },
      {
        error: '#VALUE!',
        message: 'Kỳ "2023-H3" không hợp lệ: viết 2024, 2024-H1, 2024-Q3, 2024-07 hoặc 2021..2023',
      },
    ]);
    expect(cellRequests - before).toBe(1);
    await recalculate();
    expect(cellRequests - before).toBe(1); // cached

    await pane.byId('functions-refresh').click();
    await pane.byId('functions-refreshed').waitFor();
    await pane.page.evaluate(() => Promise.all((window as any).__excel.book.calculations));
    expect(cellRequests - before).toBe(2);
    await pane.expectAccessible('functions card after a refresh');
    expect(pane.errors).toEqual([]);
  });
});
