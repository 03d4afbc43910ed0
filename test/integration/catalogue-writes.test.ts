import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push, type PushRow } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

const row = (period: string, value: number | null, extra: Partial<PushRow> = {}): PushRow =>
  ({ unitCode: '392', indicatorCode: 'SO_XA_NTM_NANG_CAO', period, value, ...extra });

describeEachDb('catalogue writes, targets and approvals', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());
  const audit = async (action: string) =>
    (await t.server.ds.query('SELECT actor, entity_id, detail FROM audit_event WHERE action = ? ORDER BY id', [action])) as { actor: string; entity_id: string; detail: string }[];

  it('createIndicator adds an indicator whose unit-of-measure rules pushes then obey', async () => {
    const create = 'mutation($i: CreateIndicatorInput!) { createIndicator(input: $i) { indicator { code name unit direction category decimals description minValue maxValue integerOnly } userErrors { code field message } } }';
    const input = { code: 'TY_LE_DO_THI_HOA', name: 'Tỷ lệ đô thị hóa', unit: '%', direction: 'HIGHER_IS_BETTER', category: 'Đô thị', decimals: 1, minValue: 0, maxValue: 100 };
    const made = ok(await t.gql(create, { i: input })).createIndicator;
    expect(made).toEqual({ indicator: { ...input, description: null, integerOnly: false }, userErrors: [] });
    expect(ok(await t.gql('{ indicator(code: "TY_LE_DO_THI_HOA") { name minValue maxValue } }')).indicator).toEqual({ name: 'Tỷ lệ đô thị hóa', minValue: 0, maxValue: 100 });
    const again = ok(await t.gql(create, { i: input })).createIndicator;
    expect(again).toMatchObject({ indicator: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'code'] }] });
    const bad = ok(await t.gql(create, { i: { ...input, code: 'có dấu', name: '', decimals: 9, minValue: 5, maxValue: 1 } })).createIndicator;
    expect(bad.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_CODE', 'INVALID_TEXT', 'INVALID_DECIMALS', 'INVALID_RANGE']);
    const pushed = await push(t, [
      { unitCode: '392', indicatorCode: 'TY_LE_DO_THI_HOA', period: '2024', value: 18.5 },
      { unitCode: '392', indicatorCode: 'TY_LE_DO_THI_HOA', period: '2025', value: 118.5 },
    ], { atomic: false });
    expect(pushed.rows.map((r) => r.code)).toEqual([null, 'VALUE_OUT_OF_RANGE']);
    const events = await audit('INDICATOR_CREATED');
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('ADMIN_TOKEN');
    expect(JSON.parse(events[0].detail)).toMatchObject({ code: 'TY_LE_DO_THI_HOA', maxValue: 100 });
    const demo = ok(await t.gql('{ a: indicator(code: "SO_XA_NTM") { integerOnly minValue maxValue } b: indicator(code: "TY_LE_HO_NGHEO") { integerOnly minValue maxValue } c: indicator(code: "TD_TANG_GTSX") { minValue maxValue } }'));
    expect(demo).toEqual({ a: { integerOnly: true, minValue: 0, maxValue: null }, b: { integerOnly: false, minValue: 0, maxValue: 100 }, c: { minValue: -100, maxValue: null } });
  });

  it('createTerm validates its input as userErrors and refuses a second term with the same congress', async () => {
    const create = 'mutation($i: CreateTermInput!) { createTerm(input: $i) { term { id congressRoman startYear endYear title unit { code } } userErrors { code field } } }';
    const made = ok(await t.gql(create, { i: { unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025 } })).createTerm;
    expect(made.term).toMatchObject({ congressRoman: 'XXIV', title: 'Nghị quyết Đại hội Đảng bộ huyện Quan Sơn lần thứ XXIV, nhiệm kỳ 2020–2025', unit: { code: '387' } });
    const dup = ok(await t.gql(create, { i: { unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025, title: 'x' } })).createTerm;
    expect(dup).toEqual({ term: null, userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'congressNumber'] }] });
    const bad = ok(await t.gql(create, { i: { unitCode: '99999', congressNumber: 0, startYear: 2025, endYear: 2020 } })).createTerm;
    expect(bad.userErrors.map((e: { code: string }) => e.code)).toEqual(['UNKNOWN_UNIT', 'INVALID_CONGRESS_NUMBER', 'INVALID_YEAR']);
    expect(ok(await t.gql('{ terms(unitCode: "387") { congressNumber } }')).terms).toEqual([{ congressNumber: 24 }]);
    expect(await audit('TERM_CREATED')).toHaveLength(1);
  });

  it('setTargets replaces the targets in one transaction, keeps ids of kept targets, and changes nothing on an error', async () => {
    const { terms } = ok(await t.gql('{ terms(unitCode: "390") { id targets { id indicator { code } period value comparator note } } }'));
    const term = terms[0];
    expect(term.targets).toHaveLength(2);
    const kept = term.targets.find((x: { period: string }) => x.period === '2025');
    const set = 'mutation($i: SetTargetsInput!) { setTargets(input: $i) { term { id targets { id indicator { code } period value comparator note } } userErrors { code field message } } }';
    const targets = [
      { indicatorCode: 'SO_XA_NTM', period: '2025', value: 16, comparator: 'AT_LEAST', note: 'giữ nguyên' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1.5, comparator: 'AT_MOST' },
    ];
    const res = ok(await t.gql(set, { i: { termId: term.id, targets } })).setTargets;
    expect(res.userErrors).toEqual([]);
    expect(res.term.targets.map((x: any) => [x.indicator.code, x.period, x.value, x.comparator, x.note])).toEqual([
      ['SO_XA_NTM', '2025', 16, 'AT_LEAST', 'giữ nguyên'], ['TY_LE_HO_NGHEO', '2025', 1.5, 'AT_MOST', null],
    ]);
    expect(res.term.targets[0].id).toBe(kept.id);

    const bad = ok(await t.gql(set, { i: { termId: term.id, targets: [
      { indicatorCode: 'SO_XA_NTM', period: '2019', value: 16, comparator: 'AT_LEAST' },
      { indicatorCode: 'NOPE', period: '2025', value: 1, comparator: 'AT_LEAST' },
      { indicatorCode: 'SO_XA_NTM', period: '2025-Q5', value: 1, comparator: 'AT_LEAST' },
      { indicatorCode: 'SO_XA_NTM', period: '2024', value: 16.5, comparator: 'AT_LEAST' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1, comparator: 'AT_MOST' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 2, comparator: 'AT_MOST' },
    ] } })).setTargets;
    expect(bad.term).toBeNull();
    expect(bad.userErrors.map((e: any) => [e.code, e.field.join('.')])).toEqual([
      ['PERIOD_OUTSIDE_TERM', 'input.targets.0.period'], ['UNKNOWN_INDICATOR', 'input.targets.1.indicatorCode'],
      ['INVALID_PERIOD', 'input.targets.2.period'], ['NOT_AN_INTEGER', 'input.targets.3.value'], ['DUPLICATE_TARGET', 'input.targets.5.period'],
    ]);
    const after = ok(await t.gql('query($id: ID!) { term(id: $id) { targets { id value } } }', { id: term.id })).term.targets;
    expect(after.map((x: { id: string }) => x.id)).toEqual(res.term.targets.map((x: { id: string }) => x.id));
    const notATerm = ok(await t.gql(set, { i: { termId: kept.id, targets: [] } })).setTargets;
    expect(notATerm.userErrors[0].code).toBe('INVALID_ID');
    const events = await audit('TARGETS_SET');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].detail).before).toHaveLength(2);
  });

  it('an approved year locks its halves, quarters and months until unapproved; unchanged rows are not writes', async () => {
    const seeded = await push(t, [row('2023-Q3', 1), row('2022', 2)]);
    expect(seeded.created).toBe(2);
    const approve = 'mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { unitCode period locked lockedAt lockedBy userErrors { code field } } }';
    const unapprove = 'mutation($i: PeriodLockInput!) { unapprovePeriod(input: $i) { unitCode period locked userErrors { code field message } } }';
    const a = ok(await t.gql(approve, { i: { unitCode: '392', period: '2023' } })).approvePeriod;
    expect(a).toMatchObject({ unitCode: '392', period: '2023', locked: true, lockedBy: 'ADMIN_TOKEN', userErrors: [] });
    expect(ok(await t.gql(approve, { i: { unitCode: '392', period: '2023' } })).approvePeriod.locked).toBe(true);

    const res = await push(t, [
      row('2023', 3), row('2023-H2', 3), row('2023-Q3', 4, { baseVersion: 1 }), row('2023-07', 3),
      row('2022', 5, { baseVersion: 1 }), row('2021..2023', 3), row('2024-01', 3),
      { ...row('2023', 3), unitCode: '390' },
    ], { atomic: false });
    expect(res.rows.map((r) => r.outcome)).toEqual(['LOCKED', 'LOCKED', 'LOCKED', 'LOCKED', 'UPDATED', 'CREATED', 'CREATED', 'CREATED']);
    expect(res.rows[2]).toMatchObject({ code: 'LOCKED', current: { value: 1, version: 1 } });
    expect(res.rows[1].message).toMatch(/2023/);
    // Sending back the stored value is not a write, so a lock does not refuse it.
    expect((await push(t, [row('2023-Q3', 1, { baseVersion: 1 })])).rows[0].outcome).toBe('UNCHANGED');
    const del = await push(t, [row('2023-Q3', null, { baseVersion: 1 })]);
    expect(del.rows[0].outcome).toBe('LOCKED');
    expect(ok(await t.gql('{ periodLocks(unitCode: "392") { period lockedBy } }')).periodLocks).toEqual([{ period: '2023', lockedBy: 'ADMIN_TOKEN' }]);

    const partial = ok(await t.gql(unapprove, { i: { unitCode: '392', period: '2023-Q3' } })).unapprovePeriod;
    expect(partial).toMatchObject({ locked: true, userErrors: [{ code: 'LOCKED_BY_ENCLOSING_PERIOD' }] });
    const u = ok(await t.gql(unapprove, { i: { unitCode: '392', period: '2023' } })).unapprovePeriod;
    expect(u).toEqual({ unitCode: '392', period: '2023', locked: false, userErrors: [] });
    expect(ok(await t.gql(unapprove, { i: { unitCode: '392', period: '2023' } })).unapprovePeriod.userErrors[0].code).toBe('NOT_LOCKED');
    const afterUnlock = await push(t, [row('2023-Q3', 4, { baseVersion: 1 })]);
    expect(afterUnlock.rows[0]).toMatchObject({ outcome: 'UPDATED', observation: { version: 2 } });

    const badPeriod = ok(await t.gql(approve, { i: { unitCode: '392', period: '2023-Q9' } })).approvePeriod;
    expect(badPeriod).toMatchObject({ locked: false, userErrors: [{ code: 'INVALID_PERIOD', field: ['input', 'period'] }] });
    const badUnit = ok(await t.gql(approve, { i: { unitCode: 'xx', period: '2023' } })).approvePeriod;
    expect(badUnit.userErrors[0].code).toBe('UNKNOWN_UNIT');
    expect((await audit('PERIOD_APPROVED')).length).toBe(1);
    expect((await audit('PERIOD_UNAPPROVED')).length).toBe(1);
  });
});
