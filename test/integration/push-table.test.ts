import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push, PUSH_MUTATION, readBack, type PushPayload, type PushRow } from '../helpers/push';
import { ADMIN, errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * pushObservationTable: the rows of pushObservations as `columns` + arrays of cells. The same push
 * service decides them, so this checks what the table form adds: the mapping of cells to fields
 * (answers equal to pushObservations' for the same rows), cells of the wrong type as INVALID rows,
 * and the refusals of a malformed table.
 */
const TABLE_MUTATION = PUSH_MUTATION.replace('PushObservationsInput', 'PushObservationTableInput').replace(
  'pushObservations(',
  'pushObservationTable(',
);
const COLUMNS = ['unitCode', 'indicatorCode', 'period', 'value', 'status', 'source', 'note', 'baseVersion'] as const;

describeEachDb('pushObservationTable', (db) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  const tableRaw = (input: Record<string, unknown>, token = ADMIN) => t.gql(TABLE_MUTATION, { input }, token);
  const pushTable = async (
    rows: unknown[][],
    opts: { columns?: readonly string[]; dryRun?: boolean; atomic?: boolean; idempotencyKey?: string } = {},
  ): Promise<PushPayload> => ok(await tableRaw({ columns: COLUMNS, ...opts, rows })).pushObservationTable;
  const asTable = (rows: PushRow[]) => rows.map((r) => COLUMNS.map((c) => r[c] ?? null));
  const revisionCount = async () =>
    Number((await t.server.ds.query('SELECT COUNT(*) AS n FROM observation_revision'))[0].n);
  /** The answer without what differs between two pushes of the same rows (batch, write time). */
  const comparable = (p: PushPayload) =>
    JSON.parse(
      JSON.stringify({ ...p, batchId: p.batchId && 'set' }, (k, v) =>
        k === 'updatedAt' || k === 'id' ? undefined : v,
      ),
    );

  it('answers exactly as pushObservations does for the same rows: dry run, atomic refusal, partial write, update', async () => {
    const rows: PushRow[] = [
      {
        unitCode: '392',
        indicatorCode: 'THU_NHAP_BQ',
        period: '2024',
        value: 61.5,
        status: 'ESTIMATED',
        source: 'Báo cáo',
        note: null,
      },
      { unitCode: '392', indicatorCode: 'SO_XA_NTM', period: '2024', value: 19.5 }, // NOT_AN_INTEGER
      { unitCode: '392', indicatorCode: 'NANG_SUAT_LUA', period: '2024-Q3', value: 60.25, note: 'vụ mùa' },
    ];
    const revs = await revisionCount();
    // A dry run and a refused atomic push: compared with pushObservations, which writes nothing either.
    for (const opts of [{ dryRun: true }, {}]) {
      const table = await pushTable(asTable(rows), opts);
      expect(comparable(table)).toEqual(comparable(await push(t, rows, opts)));
      expect(table).toMatchObject({ applied: false, created: 2, rejected: 1 });
      expect(table.rows[1]).toMatchObject({ index: 1, outcome: 'INVALID', code: 'NOT_AN_INTEGER', field: 'value' });
    }
    expect(await revisionCount()).toBe(revs);

    // Written: the good rows, with their revisions and a batch.
    const written = await pushTable(asTable(rows), { atomic: false });
    expect(written).toMatchObject({ applied: true, created: 2, rejected: 1, userErrors: [] });
    expect(written.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.rows[2].observation).toMatchObject({
      unit: { code: '392' },
      indicator: { code: 'NANG_SUAT_LUA' },
      period: '2024-Q3',
      value: 60.25,
      status: 'OFFICIAL',
      source: null,
      note: 'vụ mùa',
      version: 1,
      updatedBy: 'ADMIN_TOKEN',
    });
    expect(await revisionCount()).toBe(revs + 2);
    const stored = await readBack(t, ['392']);
    expect(stored.get('392|THU_NHAP_BQ|2024')).toEqual({
      value: 61.5,
      version: 1,
      status: 'ESTIMATED',
      source: 'Báo cáo',
      note: null,
    });

    // The same again is UNCHANGED through both mutations; an edit with its baseVersion is UPDATED.
    const again = [rows[0], rows[2]];
    expect(comparable(await pushTable(asTable(again)))).toEqual(comparable(await push(t, again)));
    const edit = await pushTable([['392', 'THU_NHAP_BQ', '2024', 62, 'OFFICIAL', null, null, 1]]);
    expect(edit).toMatchObject({ applied: true, updated: 1 });
    expect(edit.rows[0].observation).toMatchObject({ value: 62, version: 2, status: 'OFFICIAL', source: null });
    // A table without baseVersion: the same conflict as a row without it.
    const blind = await pushTable([['392', 'THU_NHAP_BQ', '2024', 63]], {
      columns: ['unitCode', 'indicatorCode', 'period', 'value'],
    });
    expect(blind.rows[0]).toMatchObject({ outcome: 'CONFLICT', code: 'ALREADY_EXISTS', current: { version: 2 } });
  });

  it('columns in any order, null cells as omitted fields, a null value deletes, and idempotency keys replay', async () => {
    const columns = ['baseVersion', 'value', 'period', 'indicatorCode', 'unitCode'];
    const created = await pushTable([[null, 12, '2023', 'NANG_SUAT_LUA', '391']], { columns, idempotencyKey: 'tbl-1' });
    expect(created.rows[0]).toMatchObject({
      outcome: 'CREATED',
      observation: { value: 12, status: 'OFFICIAL', version: 1 },
    });
    const replay = await pushTable([[null, 12, '2023', 'NANG_SUAT_LUA', '391']], { columns, idempotencyKey: 'tbl-1' });
    expect(replay).toEqual({ ...created, replayed: true });
    const deleted = await pushTable([[1, null, '2023', 'NANG_SUAT_LUA', '391']], { columns });
    expect(deleted).toMatchObject({ applied: true, deleted: 1 });
    expect((await readBack(t, ['391'])).has('391|NANG_SUAT_LUA|2023')).toBe(false);
  });

  it('a cell of the wrong type makes its row INVALID, as the same field of a row would', async () => {
    const revs = await revisionCount();
    const res = await pushTable([
      ['392', 'NANG_SUAT_LUA', '2021', '55', 'OFFICIAL', null, null, null], // a value as text
      ['392', 'NANG_SUAT_LUA', '2020', 55, 'FINAL', null, null, null], // not a status
      [392, 'NANG_SUAT_LUA', '2019', 55, 'OFFICIAL', null, null, null], // a code as a number
      ['392', 'NANG_SUAT_LUA', 2018, 55, 'OFFICIAL', null, null, null], // a period as a number
      ['392', 'NANG_SUAT_LUA', '2017', 55, 'OFFICIAL', 7, null, null], // a source as a number
      ['392', 'NANG_SUAT_LUA', '2016', 55, 'OFFICIAL', null, null, 1.5], // not a version
      ['392', 'NANG_SUAT_LUA', '2015', 55, 'OFFICIAL', null, null, null], // good
    ]);
    expect(res.rows.map((r) => [r.outcome, r.code, r.field])).toEqual([
      ['INVALID', 'INVALID_VALUE', 'value'],
      ['INVALID', 'INVALID_STATUS', 'status'],
      ['INVALID', 'UNKNOWN_UNIT', 'unitCode'],
      ['INVALID', 'INVALID_PERIOD', 'period'],
      ['INVALID', 'INVALID_TEXT', 'source'],
      ['INVALID', 'INVALID_BASE_VERSION', 'baseVersion'],
      ['CREATED', null, null],
    ]);
    expect(res).toMatchObject({ applied: false, userErrors: [{ code: 'ATOMIC_PUSH_REJECTED' }] });
    expect(await revisionCount()).toBe(revs);
  });

  it('refuses a malformed table as a whole (INVALID_TABLE, naming the column or row) and writes nothing', async () => {
    const revs = await revisionCount();
    const good = ['392', 'NANG_SUAT_LUA', '2014', 50];
    const four = ['unitCode', 'indicatorCode', 'period', 'value'];
    const cases: [Record<string, unknown>, string[]][] = [
      [{ columns: [...four, 'colour'], rows: [[...good, 'red']] }, ['input', 'columns', '4']],
      [{ columns: [...four, 'value'], rows: [[...good, 1]] }, ['input', 'columns', '4']],
      [{ columns: ['unitCode', 'indicatorCode', 'period'], rows: [good.slice(0, 3)] }, ['input', 'columns']],
      [{ columns: four, rows: { 0: good } }, ['input', 'rows']],
      [{ columns: four, rows: [good, good.slice(0, 3)] }, ['input', 'rows', '1']],
      [{ columns: four, rows: [good, { unitCode: '392' }] }, ['input', 'rows', '1']],
    ];
    for (const [input, field] of cases) {
      const res = await tableRaw(input);
      expect(errorCode(res), JSON.stringify(input)).toBe('BAD_USER_INPUT');
      expect(errorReason(res)).toBe('INVALID_TABLE');
      expect(res.errors?.[0]?.extensions?.field).toEqual(field);
    }
    const tooMany = await tableRaw({ columns: four, rows: Array.from({ length: 50_001 }, () => good) });
    expect(errorReason(tooMany)).toBe('TOO_MANY_ROWS');
    expect(await revisionCount()).toBe(revs);
  });

  it('needs a token that may write the rows, as pushObservations does', async () => {
    const viewer = await createToken(t, 'Xem', 'VIEWER');
    const res = await tableRaw(
      { columns: COLUMNS, rows: [['392', 'NANG_SUAT_LUA', '2013', 50, null, null, null, null]] },
      viewer.secret,
    );
    expect(errorCode(res)).toBe('FORBIDDEN');
    const other = await createToken(t, 'Nam Định', 'PROVINCE_EDITOR', '36');
    const scoped = ok(
      await tableRaw(
        { columns: COLUMNS, rows: [['392', 'NANG_SUAT_LUA', '2013', 50, null, null, null, null]] },
        other.secret,
      ),
    ).pushObservationTable;
    expect(scoped.rows[0]).toMatchObject({ outcome: 'FORBIDDEN', code: 'OUT_OF_SCOPE' });
  });
});
