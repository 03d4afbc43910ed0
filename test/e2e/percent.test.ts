/**
 * "1,5%" typed in Chromium through the real pane, on the strict stand-in (vi-VN), against the real
 * server: on the poverty rate (measured in %) it previews and pushes 1.5; on income (triệu đồng) it
 * is marked ambiguous with both readings and never sent. The add-in before this reader pushed 0.015
 * for both (Excel holds "1,5%" as 0.015 in a percent-formatted cell).
 */
import { beforeAll, expect, it } from 'vitest';
import { MARK_COLORS } from '../../addin/src/workflow/marks';
import { ok, type TestServer } from '../helpers/server';
import { describeTaskpane } from './browser';
import { Pane } from './pane';

const SHEET = 'Hà Trung XXII';
const TARGETS = [
  { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1.5, comparator: 'AT_MOST' },
  { indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 70, comparator: 'AT_LEAST' },
];

describeTaskpane('add-in e2e: a percent typed into the term sheet', (e2e) => {
  let s: TestServer;
  let pane: Pane;
  const rowOf: Record<string, number> = {};
  const at = (code: string, col: string) => `${col}${rowOf[code]}`;
  const value2024 = async (code: string) =>
    ok(
      await s.gql(
        `{ observations(filter: { unitCodes: ["392"], indicatorCodes: ["${code}"], fromYear: 2024, toYear: 2024 }, first: 10) { nodes { period value } } }`,
      ),
    ).observations.nodes.find((o: { period: string }) => o.period === '2024')?.value;

  beforeAll(async () => {
    s = await e2e.server();
    const term = ok(await s.gql('{ terms(unitCode: "392") { id congressRoman } }')).terms[0];
    const set = ok(
      await s.gql('mutation($i: SetTargetsInput!) { setTargets(input: $i) { userErrors { code message } } }', {
        i: { termId: term.id, targets: TARGETS },
      }),
    );
    expect(set.setTargets.userErrors).toEqual([]);
    const token = ok(
      await s.gql('mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token } }', {
        i: { name: 'Thống kê Hà Trung (Excel)', role: 'DISTRICT_EDITOR', scopeCode: '392' },
      }),
    ).createApiToken.token as string;
    pane = await e2e.pane(s);
    await pane.connect(token);
    await pane.pickUnit('unit-search', 'ha trung', 'Hà Trung', { before: true, level: 'DISTRICT' });
    await pane.page.getByTestId('term-picker').filter({ hasText: 'XXII' }).waitFor();
    await pane.act('pull');
    const grid = await pane.grid(SHEET);
    expect(grid[0]![9]).toBe('2024');
    grid.slice(1).forEach((r, i) => (rowOf[String(r[0])] = i + 2));
  });

  it('"1,5%" previews as an update of the % indicator and is ambiguous on the other', async () => {
    await pane.type(SHEET, at('TY_LE_HO_NGHEO', 'J'), '1,5%');
    await pane.type(SHEET, at('THU_NHAP_BQ', 'J'), '1,5%');
    expect(await pane.cell(SHEET, at('TY_LE_HO_NGHEO', 'J'))).toMatchObject({ value: 0.015, format: '0.0%' });
    await pane.act('preview');
    const states = await pane.resultStates();
    expect(states[at('TY_LE_HO_NGHEO', 'J')]).toMatch(/^WILL_(CREATE|UPDATE)$/);
    expect(states[at('THU_NHAP_BQ', 'J')]).toBe('LOCAL_PROBLEM');
    const ambiguous = await pane.cell(SHEET, at('THU_NHAP_BQ', 'J'));
    expect(ambiguous.fill).toBe(MARK_COLORS.LOCAL_PROBLEM);
    expect(ambiguous.prompt?.message).toMatch(/phần trăm.*0,015 hoặc 1,5/);
    pane.expectNoPageErrors();
  });

  it('the push writes 1.5 for the poverty rate and nothing for income', async () => {
    const income = await value2024('THU_NHAP_BQ');
    await pane.act('push');
    expect(await value2024('TY_LE_HO_NGHEO')).toBe(1.5);
    expect(await value2024('THU_NHAP_BQ')).toBe(income);
    expect((await pane.resultStates())[at('THU_NHAP_BQ', 'J')]).toBe('LOCAL_PROBLEM');
  });
});
