import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, push, pushRaw, readBack } from '../helpers/push';
import { errorCode, errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

const row = (unitCode: string, period: string, value: number) => ({
  unitCode,
  indicatorCode: 'THU_NHAP_BQ',
  period,
  value,
});

describeEachDb('write roles and scopes', (db) => {
  let t: TestServer;
  let haTrung: string; // DISTRICT_EDITOR of 392 (Hà Trung, Thanh Hóa)
  let thanhHoa: string; // PROVINCE_EDITOR of 38
  let viewer: string;
  let haTrungId: string;
  beforeAll(async () => {
    t = await startTestServer(db);
    ({ secret: haTrung, id: haTrungId } = await createToken(t, 'Chi cục Thống kê Hà Trung', 'DISTRICT_EDITOR', '392'));
    ({ secret: thanhHoa } = await createToken(t, 'Cục Thống kê Thanh Hóa', 'PROVINCE_EDITOR', '38'));
    ({ secret: viewer } = await createToken(t, 'Báo chí', 'VIEWER'));
  });
  afterAll(() => t?.stop());

  it('a district editor writes its district and gets FORBIDDEN for another one', async () => {
    const res = await push(t, [row('392', '2024', 55), row('390', '2024', 51)], { atomic: false }, haTrung);
    expect(res.rows.map((r) => [r.outcome, r.code])).toEqual([
      ['CREATED', null],
      ['FORBIDDEN', 'OUT_OF_SCOPE'],
    ]);
    expect(res.rows[0].observation!.updatedBy).toBe('Chi cục Thống kê Hà Trung');
    expect(res.rows[1].message).toMatch(/390/);
    const atomic = await push(t, [row('392', '2025', 56), row('38', '2025', 60)], {}, haTrung);
    expect(atomic).toMatchObject({ applied: false, rejected: 1 });
    expect((await readBack(t, ['392'])).has('392|THU_NHAP_BQ|2025')).toBe(false);
  });

  it('a province editor writes the province and all its districts, but not another province', async () => {
    const res = await push(
      t,
      [
        row('38', '2024', 60),
        row('392', '2022', 51),
        row('390', '2024', 51),
        row('84', '2024', 62),
        row('849', '2024', 59),
      ],
      { atomic: false },
      thanhHoa,
    );
    expect(res.rows.map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'FORBIDDEN', 'FORBIDDEN']);
  });

  it('approval: the province editor approves its districts, not Trà Vinh; a district editor approves nothing', async () => {
    const approve =
      'mutation($i: PeriodLockInput!) { approvePeriod(input: $i) { unitCode period locked lockedBy userErrors { code } } }';
    const ok390 = ok(await t.gql(approve, { i: { unitCode: '390', period: '2022' } }, thanhHoa));
    expect(ok390.approvePeriod).toMatchObject({
      unitCode: '390',
      locked: true,
      lockedBy: 'Cục Thống kê Thanh Hóa',
      userErrors: [],
    });
    const tv = await t.gql(approve, { i: { unitCode: '849', period: '2022' } }, thanhHoa);
    expect(errorCode(tv)).toBe('FORBIDDEN');
    expect(errorReason(tv)).toBe('OUT_OF_SCOPE');
    expect(errorCode(await t.gql(approve, { i: { unitCode: '392', period: '2022' } }, haTrung))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(approve, { i: { unitCode: '392', period: '2022' } }, viewer))).toBe('FORBIDDEN');
    const unapprove = await t.gql(
      'mutation { unapprovePeriod(input: { unitCode: "390", period: "2022" }) { locked } }',
      {},
      haTrung,
    );
    expect(errorCode(unapprove)).toBe('FORBIDDEN');
  });

  it('a viewer cannot write at all; an anonymous caller is UNAUTHENTICATED', async () => {
    const v = await pushRaw(t, [row('392', '2024', 1)], {}, viewer);
    expect(errorCode(v)).toBe('FORBIDDEN');
    expect(v.data?.pushObservations ?? null).toBeNull();
    expect(errorCode(await pushRaw(t, [row('392', '2024', 1)], {}, null))).toBe('UNAUTHENTICATED');
    expect(errorCode(await pushRaw(t, [row('392', '2024', 1)], {}, 'ctk_not-a-real-token'))).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql('{ me { name role scopeCode } }', {}, viewer)).me).toEqual({
      name: 'Báo chí',
      role: 'VIEWER',
      scopeCode: null,
    });
  });

  it('catalogue and token mutations need the right role', async () => {
    const indicator =
      'mutation { createIndicator(input: { code: "X_1", name: "X", unit: "%", direction: HIGHER_IS_BETTER, category: "Thử" }) { indicator { code } } }';
    for (const token of [haTrung, thanhHoa, viewer])
      expect(errorCode(await t.gql(indicator, {}, token))).toBe('FORBIDDEN');
    const token = 'mutation { createApiToken(input: { name: "x", role: ADMIN }) { token } }';
    for (const tk of [haTrung, thanhHoa, viewer]) expect(errorCode(await t.gql(token, {}, tk))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql('{ apiTokens { name } }', {}, thanhHoa))).toBe('FORBIDDEN');
    const term =
      'mutation($u: String!) { createTerm(input: { unitCode: $u, congressNumber: 23, startYear: 2025, endYear: 2030 }) { term { title } userErrors { code } } }';
    expect(errorCode(await t.gql(term, { u: '390' }, haTrung))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(term, { u: '849' }, thanhHoa))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(term, { u: '392' }, viewer))).toBe('FORBIDDEN');
    expect(ok(await t.gql(term, { u: '392' }, haTrung)).createTerm).toMatchObject({
      term: { title: 'Nghị quyết Đại hội Đảng bộ huyện Hà Trung lần thứ XXIII, nhiệm kỳ 2025–2030' },
      userErrors: [],
    });
    const { terms } = ok(await t.gql('{ terms(unitCode: "390") { id } }'));
    const set = await t.gql(
      'mutation($id: ID!) { setTargets(input: { termId: $id, targets: [] }) { term { id } } }',
      { id: terms[0].id },
      haTrung,
    );
    expect(errorCode(set)).toBe('FORBIDDEN');
  });

  it('createApiToken checks role and scope, shows the secret once and stores only its hash', async () => {
    const create =
      'mutation($i: CreateApiTokenInput!) { createApiToken(input: $i) { token apiToken { id name role scopeCode createdAt revokedAt } userErrors { code field } } }';
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'a', role: 'PROVINCE_EDITOR', scopeCode: '392' }, 'WRONG_SCOPE_LEVEL'],
      [{ name: 'a', role: 'DISTRICT_EDITOR', scopeCode: '38' }, 'WRONG_SCOPE_LEVEL'],
      [{ name: 'a', role: 'DISTRICT_EDITOR' }, 'SCOPE_REQUIRED'],
      [{ name: 'a', role: 'ADMIN', scopeCode: '38' }, 'SCOPE_NOT_ALLOWED'],
      [{ name: 'a', role: 'PROVINCE_EDITOR', scopeCode: '99' }, 'UNKNOWN_UNIT'],
      [{ name: '  ', role: 'VIEWER' }, 'INVALID_NAME'],
    ];
    for (const [input, code] of cases) {
      const p = ok(await t.gql(create, { i: input })).createApiToken;
      expect(p).toMatchObject({ token: null, apiToken: null });
      expect(p.userErrors.map((e: { code: string }) => e.code)).toEqual([code]);
    }
    const made = ok(
      await t.gql(create, { i: { name: 'Trà Vinh', role: 'PROVINCE_EDITOR', scopeCode: '84' } }),
    ).createApiToken;
    expect(made.token).toMatch(/^ctk_[A-Za-z0-9_-]{40,}$/);
    expect(made.apiToken).toMatchObject({
      name: 'Trà Vinh',
      role: 'PROVINCE_EDITOR',
      scopeCode: '84',
      revokedAt: null,
    });
    const stored: { token_hash: string }[] = await t.server.ds.query(
      'SELECT token_hash FROM api_token WHERE name = ?',
      ['Trà Vinh'],
    );
    expect(stored[0].token_hash).toBe(createHash('sha256').update(made.token).digest('hex'));
    const list = ok(await t.gql('{ apiTokens { id name role } }')).apiTokens;
    expect(list.map((x: { name: string }) => x.name)).toContain('Trà Vinh');
    expect(JSON.stringify(list)).not.toContain(made.token);
    const node = ok(
      await t.gql('query($id: ID!) { node(id: $id) { ... on ApiToken { name } } }', { id: made.apiToken.id }),
    );
    expect(node.node).toEqual({ name: 'Trà Vinh' });
    expect(
      ok(await t.gql('query($id: ID!) { node(id: $id) { id } }', { id: made.apiToken.id }, viewer)).node,
    ).toBeNull();
    const tv = await push(t, [row('849', '2020', 40)], {}, made.token);
    expect(tv.rows[0].outcome).toBe('CREATED');
  });

  it('a revoked token is rejected from the very next request', async () => {
    expect(ok(await t.gql('{ me { name } }', {}, haTrung)).me.name).toBe('Chi cục Thống kê Hà Trung');
    const revoked = ok(
      await t.gql(
        'mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { name revokedAt } userErrors { code } } }',
        { id: haTrungId },
      ),
    );
    expect(revoked.revokeApiToken.apiToken.revokedAt).not.toBeNull();
    const read = await t.gql('{ me { name } }', {}, haTrung);
    expect(read.status).toBe(401);
    expect(errorCode(read)).toBe('UNAUTHENTICATED');
    expect(errorCode(await pushRaw(t, [row('392', '2019', 1)], {}, haTrung))).toBe('UNAUTHENTICATED');
    const missing = ok(
      await t.gql('mutation { revokeApiToken(id: "QXBpVG9rZW46OTk5OQ") { apiToken { id } userErrors { code } } }'),
    );
    expect(missing.revokeApiToken).toEqual({ apiToken: null, userErrors: [{ code: 'NOT_FOUND' }] });
    // The tokens this suite created through the API (the ADMIN_TOKEN's own event is written at start-up).
    const events: { action: string }[] = await t.server.ds.query(
      "SELECT action FROM audit_event WHERE entity_type = 'ApiToken' AND actor <> 'server start-up' ORDER BY id",
    );
    expect(events.map((e) => e.action)).toEqual([
      'TOKEN_CREATED',
      'TOKEN_CREATED',
      'TOKEN_CREATED',
      'TOKEN_CREATED',
      'TOKEN_REVOKED',
    ]);
  });
});
