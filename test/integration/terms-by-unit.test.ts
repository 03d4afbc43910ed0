import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { errorReason, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * `terms` by unit: a code can name two units over time (commune codes were reused on 2025-07-01),
 * so `terms(unitId)` lists one unit's terms, whichever unit has the code today.
 */
describeEachDb('terms by unit id', (db) => {
  let t: TestServer;
  const ids = { old: '', now: '' };
  const TERMS = 'query($c: String, $id: ID) { terms(unitCode: $c, unitId: $id) { startYear unit { id } } }';

  beforeAll(async () => {
    t = await startTestServer(db);
    const u = ok(
      await t.gql('{ old: commune(code: "21499", on: "2025-01-01") { id } now: commune(code: "21499") { id } }'),
    );
    Object.assign(ids, { old: u.old.id, now: u.now.id });
    for (const [unitId, startYear, endYear] of [
      [ids.old, 2020, 2025],
      [ids.now, 2025, 2030],
    ] as const) {
      const r = ok(
        await t.gql('mutation($i: CreateTermInput!) { createTerm(input: $i) { userErrors { code message } } }', {
          i: { unitCode: '21499', unitId, congressNumber: 1, startYear, endYear },
        }),
      );
      expect(r.createTerm.userErrors).toEqual([]);
    }
  });
  afterAll(() => t?.stop());

  it('lists the terms of the unit with the id, and by code those of the unit with the code today', async () => {
    expect(ok(await t.gql(TERMS, { id: ids.now })).terms).toEqual([{ startYear: 2025, unit: { id: ids.now } }]);
    expect(ok(await t.gql(TERMS, { c: '21499', id: ids.old })).terms).toEqual([
      { startYear: 2020, unit: { id: ids.old } },
    ]);
    expect(ok(await t.gql(TERMS, { c: '21499' })).terms.map((x: any) => x.unit.id)).toEqual([ids.now]);
  });

  it('refuses an id that is no unit, an unknown unit and a code of another unit', async () => {
    const term = ok(await t.gql(TERMS, { id: ids.now })).terms[0];
    expect(term).toBeDefined();
    expect(errorReason(await t.gql(TERMS, { id: 'abc' }))).toBe('INVALID_ID');
    const unknown = Buffer.from('Commune:99999999', 'utf8').toString('base64url');
    expect(errorReason(await t.gql(TERMS, { id: unknown }))).toBe('UNKNOWN_UNIT');
    expect(errorReason(await t.gql(TERMS, { c: '38', id: ids.now }))).toBe('UNIT_MISMATCH');
    expect(errorReason(await t.gql(TERMS, { c: '99999' }))).toBe('UNKNOWN_UNIT');
  });
});
