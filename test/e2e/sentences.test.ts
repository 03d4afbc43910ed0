/**
 * The report writer in Chromium: Hà Trung's term XXII pulled as a term sheet, then "Nhận định cho
 * báo cáo" writes the scorecard's sentences into a new sheet, in the pane's language, exactly as the
 * API says them (the real server with the demo data: 53,2 ước đạt against 50 → met; 141 of 150 and
 * 7,34 of 8 → above 80 %).
 */
import { beforeAll, expect, it } from 'vitest';
import { ADMIN, ok, type TestServer } from '../helpers/server';
import { describeTaskpane, screenshotDir } from './browser';
import { Pane } from './pane';

const TARGETS = [
  { indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 50, comparator: 'AT_LEAST' },
  { indicatorCode: 'CHI_SO_QUY_MO_KT', period: '2025', value: 150, comparator: 'AT_LEAST' },
  { indicatorCode: 'TD_TANG_GTSX', period: '2021..2025', value: 8, comparator: 'AT_LEAST' },
];

describeTaskpane('add-in e2e: report sentences of a term sheet', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  let termId: string;
  const shots = screenshotDir(e2e.db);
  const summary = async (language: 'VI' | 'EN') => {
    const { term } = ok(
      await s.gql('query($id: ID!, $l: Language) { term(id: $id) { title scorecard { summary(language: $l) } } }', {
        id: termId,
        l: language,
      }),
    );
    return { title: term.title as string, summary: term.scorecard.summary as string[] };
  };

  beforeAll(async () => {
    s = await e2e.server();
    termId = ok(await s.gql('{ terms(unitCode: "392") { id } }')).terms[0].id;
    const set = ok(
      await s.gql('mutation($i: SetTargetsInput!) { setTargets(input: $i) { userErrors { code message } } }', {
        i: { termId, targets: TARGETS },
      }),
    );
    expect(set.setTargets.userErrors).toEqual([]);
    pane = await e2e.pane(s);
    await pane.byId('token').waitFor();
    await pane.connect(ADMIN);
    await pane.pickUnit('unit-search', 'ha trung', 'Hà Trung', { before: true, level: 'DISTRICT' });
    await pane.page.getByTestId('term-picker').filter({ hasText: 'XXII' }).waitFor();
    await pane.act('pull');
  });

  it('writes the sentences the API gives into "Nhận định Hà Trung XXII", then in English into "(2)"', async () => {
    await pane.byId('sentences').waitFor();
    await pane.expectAccessible('term sheet with the report sentences action');
    await pane.act('sentences');
    const vi = await summary('VI');
    expect(vi.summary).toEqual(['đạt và vượt 1/3 chỉ tiêu, chiếm 33,3%', '2/3 chỉ tiêu đạt trên 80%']);
    expect(await pane.grid('Nhận định Hà Trung XXII')).toEqual([[vi.title], ...vi.summary.map((l: string) => [l])]);
    expect(await pane.byId('notice-success').innerText()).toContain('Nhận định Hà Trung XXII');
    await pane.shot(shots, '9-sentences');

    // The sentences come from the term sheet: back to it, switch the pane to English, again.
    await pane.page.evaluate(() => (window as any).__excel.activate('Hà Trung XXII'));
    await pane.page.getByRole('button', { name: 'Kiểm tra lại' }).click();
    await pane.byId('sentences').waitFor();
    await pane.byId('lang').click();
    await pane.act('sentences');
    const en = await summary('EN');
    expect(en.summary).toEqual([
      'met or exceeded 1 of 3 targets (33.3%)',
      '2 of 3 targets are at 80% or more of their target',
    ]);
    expect(await pane.grid('Nhận định Hà Trung XXII (2)')).toEqual([[en.title], ...en.summary.map((l: string) => [l])]);
  });
});
