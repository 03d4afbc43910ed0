import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { CreateIndicatorInput } from '../../server/src/indicators/indicator.inputs';
import type { SetTargetsInput } from '../../server/src/terms/term.inputs';
import { describeEachDb } from '../helpers/databases';
import type { PushRow } from '../helpers/push';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * Catalogue writes (indicators, terms, targets) and approvals: validation as userErrors, audit,
 * transactions and the locks they put on pushes are the write services' behaviour on a real
 * database. Who may call them is tested over HTTP (test/integration/write-roles.test.ts).
 * Moved from test/integration/catalogue-writes.test.ts: where the API selected fields, the same
 * fields are picked here, and what its resolvers add (a unit's code, a term's targets) is read
 * through the services they call.
 */
const row = (period: string, value: number | null, extra: Partial<PushRow> = {}): PushRow => ({
  unitCode: '392',
  indicatorCode: 'SO_XA_NTM_NANG_CAO',
  period,
  value,
  ...extra,
});

function pick<T extends object>(o: T | null | undefined, keys: string[]): Record<string, unknown> | null {
  return o ? Object.fromEntries(keys.map((k) => [k, (o as Record<string, unknown>)[k]])) : null;
}
const codeAndField = (errors: { code: string; field: string[] | null }[]) =>
  errors.map((e) => ({ code: e.code, field: e.field }));

describeEachDb('catalogue writes, targets and approvals', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
  });
  afterAll(() => s?.close());
  const audit = async (action: string) =>
    (await s.ds.query('SELECT actor, entity_id, detail FROM audit_event WHERE action = ? ORDER BY id', [action])) as {
      actor: string;
      entity_id: string;
      detail: string;
    }[];
  const unitId = async (code: string) => (await s.services.units.byCodeAt(code, null))!.localId;
  const indicatorCodes = async (ids: number[]) => {
    const byId = await s.services.indicators.byIds(ids);
    return ids.map((id) => byId.get(id)!.code);
  };
  /** A term's targets as the API lists them: `targets { id indicator { code } period value comparator note }`. */
  const targetsOf = async (termLocalId: number) => {
    const targets = (await s.services.terms.targetsByTermIds([termLocalId])).get(termLocalId)!;
    const codes = await indicatorCodes(targets.map((x) => x.indicatorId));
    return targets.map((x, i) => ({
      id: x.id,
      indicator: { code: codes[i] },
      period: x.period,
      value: x.value,
      comparator: x.comparator,
      note: x.note,
    }));
  };

  it('createIndicator adds an indicator whose unit-of-measure rules pushes then obey', async () => {
    const FIELDS = [
      'code',
      'name',
      'unit',
      'direction',
      'category',
      'decimals',
      'description',
      'minValue',
      'maxValue',
      'integerOnly',
    ];
    const create = (i: object) => s.services.indicatorWrites.create(s.admin, i as CreateIndicatorInput);
    const input = {
      code: 'TY_LE_DO_THI_HOA',
      name: 'Tỷ lệ đô thị hóa',
      unit: '%',
      direction: 'HIGHER_IS_BETTER',
      category: 'Đô thị',
      decimals: 1,
      minValue: 0,
      maxValue: 100,
    };
    const made = await create(input);
    expect({ indicator: pick(made.indicator, FIELDS), userErrors: made.userErrors }).toEqual({
      indicator: { ...input, description: null, integerOnly: false },
      userErrors: [],
    });
    expect(pick(await s.services.indicators.byCode('TY_LE_DO_THI_HOA'), ['name', 'minValue', 'maxValue'])).toEqual({
      name: 'Tỷ lệ đô thị hóa',
      minValue: 0,
      maxValue: 100,
    });
    const again = await create(input);
    expect(again).toMatchObject({
      indicator: null,
      userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'code'] }],
    });
    const bad = await create({ ...input, code: 'có dấu', name: '', decimals: 9, minValue: 5, maxValue: 1 });
    expect(bad.userErrors.map((e) => e.code)).toEqual([
      'INVALID_CODE',
      'INVALID_TEXT',
      'INVALID_DECIMALS',
      'INVALID_RANGE',
    ]);
    const pushed = await s.services.push.push(
      s.admin,
      [
        { unitCode: '392', indicatorCode: 'TY_LE_DO_THI_HOA', period: '2024', value: 18.5 },
        { unitCode: '392', indicatorCode: 'TY_LE_DO_THI_HOA', period: '2025', value: 118.5 },
      ],
      { atomic: false },
    );
    expect(pushed.rows.map((r) => r.code)).toEqual([null, 'VALUE_OUT_OF_RANGE']);
    const events = await audit('INDICATOR_CREATED');
    expect(events).toHaveLength(1);
    expect(events[0].actor).toBe('ADMIN_TOKEN');
    expect(JSON.parse(events[0].detail)).toMatchObject({ code: 'TY_LE_DO_THI_HOA', maxValue: 100 });
    const demo = {
      a: pick(await s.services.indicators.byCode('SO_XA_NTM'), ['integerOnly', 'minValue', 'maxValue']),
      b: pick(await s.services.indicators.byCode('TY_LE_HO_NGHEO'), ['integerOnly', 'minValue', 'maxValue']),
      c: pick(await s.services.indicators.byCode('TD_TANG_GTSX'), ['minValue', 'maxValue']),
    };
    expect(demo).toEqual({
      a: { integerOnly: true, minValue: 0, maxValue: null },
      b: { integerOnly: false, minValue: 0, maxValue: 100 },
      c: { minValue: -100, maxValue: null },
    });
  });

  it('createTerm validates its input as userErrors and refuses a second term with the same congress', async () => {
    const create = (i: {
      unitCode: string;
      congressNumber: number;
      startYear: number;
      endYear: number;
      title?: string;
    }) => s.services.termWrites.createTerm(s.admin, i);
    const made = await create({ unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025 });
    expect(made.term).toMatchObject({
      congressRoman: 'XXIV',
      title: 'Nghị quyết Đại hội Đảng bộ huyện Quan Sơn lần thứ XXIV, nhiệm kỳ 2020–2025',
    });
    expect((await s.services.units.byIds([made.term!.unitId])).get(made.term!.unitId)!.code).toBe('387'); // term { unit { code } }
    const dup = await create({ unitCode: '387', congressNumber: 24, startYear: 2020, endYear: 2025, title: 'x' });
    expect({ term: dup.term, userErrors: codeAndField(dup.userErrors) }).toEqual({
      term: null,
      userErrors: [{ code: 'ALREADY_EXISTS', field: ['input', 'congressNumber'] }],
    });
    const bad = await create({ unitCode: '99999', congressNumber: 0, startYear: 2025, endYear: 2020 });
    expect(bad.userErrors.map((e) => e.code)).toEqual(['UNKNOWN_UNIT', 'INVALID_CONGRESS_NUMBER', 'INVALID_YEAR']);
    expect(
      (await s.services.terms.list([await unitId('387')])).map((x) => ({ congressNumber: x.congressNumber })),
    ).toEqual([{ congressNumber: 24 }]);
    expect(await audit('TERM_CREATED')).toHaveLength(1);
  });

  it('setTargets replaces the targets in one transaction, keeps ids of kept targets, and changes nothing on an error', async () => {
    const term = (await s.services.terms.list([await unitId('390')]))[0];
    const before = await targetsOf(term.localId);
    expect(before).toHaveLength(2);
    const kept = before.find((x) => x.period === '2025')!;
    const set = async (i: { termId: string; targets: object[] }) => {
      const res = await s.services.termWrites.setTargets(s.admin, i as SetTargetsInput);
      return { ...res, targets: res.term ? await targetsOf(res.term.localId) : null };
    };
    const targets = [
      { indicatorCode: 'SO_XA_NTM', period: '2025', value: 16, comparator: 'AT_LEAST', note: 'giữ nguyên' },
      { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1.5, comparator: 'AT_MOST' },
    ];
    const res = await set({ termId: term.id, targets });
    expect(res.userErrors).toEqual([]);
    expect(res.targets!.map((x) => [x.indicator.code, x.period, x.value, x.comparator, x.note])).toEqual([
      ['SO_XA_NTM', '2025', 16, 'AT_LEAST', 'giữ nguyên'],
      ['TY_LE_HO_NGHEO', '2025', 1.5, 'AT_MOST', null],
    ]);
    expect(res.targets![0].id).toBe(kept.id);

    const bad = await set({
      termId: term.id,
      targets: [
        { indicatorCode: 'SO_XA_NTM', period: '2019', value: 16, comparator: 'AT_LEAST' },
        { indicatorCode: 'NOPE', period: '2025', value: 1, comparator: 'AT_LEAST' },
        { indicatorCode: 'SO_XA_NTM', period: '2025-Q5', value: 1, comparator: 'AT_LEAST' },
        { indicatorCode: 'SO_XA_NTM', period: '2024', value: 16.5, comparator: 'AT_LEAST' },
        { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1, comparator: 'AT_MOST' },
        { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 2, comparator: 'AT_MOST' },
      ],
    });
    expect(bad.term).toBeNull();
    expect(bad.userErrors.map((e) => [e.code, e.field!.join('.')])).toEqual([
      ['PERIOD_OUTSIDE_TERM', 'input.targets.0.period'],
      ['UNKNOWN_INDICATOR', 'input.targets.1.indicatorCode'],
      ['INVALID_PERIOD', 'input.targets.2.period'],
      ['NOT_AN_INTEGER', 'input.targets.3.value'],
      ['DUPLICATE_TARGET', 'input.targets.5.period'],
    ]);
    const after = await targetsOf(term.localId);
    expect(after.map((x) => x.id)).toEqual(res.targets!.map((x) => x.id));
    const notATerm = await set({ termId: kept.id, targets: [] });
    expect(notATerm.userErrors[0].code).toBe('INVALID_ID');
    const events = await audit('TARGETS_SET');
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].detail).before).toHaveLength(2);
  });

  it('an approved year locks its halves, quarters and months until unapproved; unchanged rows are not writes', async () => {
    const push = (rows: PushRow[], opts: { atomic?: boolean } = {}) => s.services.push.push(s.admin, rows, opts);
    const approve = (i: { unitCode: string; period: string }) => s.services.approvals.approve(s.admin, i);
    const unapprove = async (i: { unitCode: string; period: string }) =>
      pick(await s.services.approvals.unapprove(s.admin, i), ['unitCode', 'period', 'locked', 'userErrors']) as {
        locked: boolean;
        userErrors: { code: string }[];
      };
    const seeded = await push([row('2023-Q3', 1), row('2022', 2)]);
    expect(seeded.created).toBe(2);
    const a = await approve({ unitCode: '392', period: '2023' });
    expect(a).toMatchObject({ unitCode: '392', period: '2023', locked: true, lockedBy: 'ADMIN_TOKEN', userErrors: [] });
    expect((await approve({ unitCode: '392', period: '2023' })).locked).toBe(true);

    const res = await push(
      [
        row('2023', 3),
        row('2023-H2', 3),
        row('2023-Q3', 4, { baseVersion: 1 }),
        row('2023-07', 3),
        row('2022', 5, { baseVersion: 1 }),
        row('2021..2023', 3),
        row('2024-01', 3),
        { ...row('2023', 3), unitCode: '390' },
      ],
      { atomic: false },
    );
    expect(res.rows.map((r) => r.outcome)).toEqual([
      'LOCKED',
      'LOCKED',
      'LOCKED',
      'LOCKED',
      'UPDATED',
      'CREATED',
      'CREATED',
      'CREATED',
    ]);
    expect(res.rows[2]).toMatchObject({ code: 'LOCKED', current: { value: 1, version: 1 } });
    expect(res.rows[1].message).toMatch(/2023/);
    // Sending back the stored value is not a write, so a lock does not refuse it.
    expect((await push([row('2023-Q3', 1, { baseVersion: 1 })])).rows[0].outcome).toBe('UNCHANGED');
    const del = await push([row('2023-Q3', null, { baseVersion: 1 })]);
    expect(del.rows[0].outcome).toBe('LOCKED');
    expect((await s.services.approvals.list('392')).map((l) => pick(l, ['period', 'lockedBy']))).toEqual([
      { period: '2023', lockedBy: 'ADMIN_TOKEN' },
    ]);

    const partial = await unapprove({ unitCode: '392', period: '2023-Q3' });
    expect(partial).toMatchObject({ locked: true, userErrors: [{ code: 'LOCKED_BY_ENCLOSING_PERIOD' }] });
    const u = await unapprove({ unitCode: '392', period: '2023' });
    expect(u).toEqual({ unitCode: '392', period: '2023', locked: false, userErrors: [] });
    expect((await unapprove({ unitCode: '392', period: '2023' })).userErrors[0].code).toBe('NOT_LOCKED');
    const afterUnlock = await push([row('2023-Q3', 4, { baseVersion: 1 })]);
    expect(afterUnlock.rows[0]).toMatchObject({ outcome: 'UPDATED', observation: { version: 2 } });

    const badPeriod = await approve({ unitCode: '392', period: '2023-Q9' });
    expect(badPeriod).toMatchObject({
      locked: false,
      userErrors: [{ code: 'INVALID_PERIOD', field: ['input', 'period'] }],
    });
    const badUnit = await approve({ unitCode: 'xx', period: '2023' });
    expect(badUnit.userErrors[0].code).toBe('UNKNOWN_UNIT');
    expect((await audit('PERIOD_APPROVED')).length).toBe(1);
    expect((await audit('PERIOD_UNAPPROVED')).length).toBe(1);
  });
});
