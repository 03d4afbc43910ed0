import { createTerm, push, setTargets, type Row } from './analytics-data';
import { ok, type TestServer } from './server';

/**
 * Beside the demo data (Hà Trung 7,34 % and Cẩm Thủy 5,7 % average growth 2021–2023): the other
 * districts of Thanh Hóa as in test/integration/analytics-ranking.test.ts, so that 26 are ranked
 * (Sầm Sơn has none) and Hà Trung, tied with Nga Sơn (395), is 12th; targets for Hà Trung's
 * 2020–2025 term: "đứng thứ 12 toàn tỉnh" with its band and target; and the growth target for the
 * districts without a term of their own in the demo data.
 */
export const GROWTH: [string, number][] = [
  ['380', 12],
  ['381', 11],
  ['384', 10.5],
  ['385', 10],
  ['386', 9.5],
  ['387', 9],
  ['388', 8.5],
  ['389', 8.2],
  ['391', 8],
  ['393', 7.5],
  ['394', 7.5],
  ['395', 7.34],
  ['396', 7],
  ['397', 6.8],
  ['398', 6.5],
  ['399', 6.2],
  ['400', 6],
  ['401', 5.5],
  ['402', 5],
  ['403', 4.5],
  ['404', 4],
  ['405', 3.5],
  ['406', -1],
  ['407', -2.5],
];

export const HA_TRUNG_TARGETS = [
  { indicatorCode: 'TD_TANG_GTSX', period: '2021..2025', value: 8, comparator: 'AT_LEAST' as const },
  { indicatorCode: 'THU_NHAP_BQ', period: '2025', value: 60, comparator: 'AT_LEAST' as const },
  { indicatorCode: 'CHI_SO_QUY_MO_KT', period: '2025', value: 140, comparator: 'AT_LEAST' as const },
  { indicatorCode: 'TY_LE_HO_NGHEO', period: '2025', value: 1, comparator: 'AT_MOST' as const },
];

export async function termId(t: TestServer, unitCode: string, on?: string): Promise<string> {
  const { terms } = ok(
    await t.gql('query($u: String!, $on: Date) { terms(unitCode: $u, on: $on) { id } }', {
      u: unitCode,
      on: on ?? null,
    }),
  );
  return terms[0].id;
}

/** The growth target the province sets the districts that had no congress report of their own here. */
export const GROWTH_TARGET = {
  indicatorCode: 'TD_TANG_GTSX',
  period: '2021..2025',
  value: 8,
  comparator: 'AT_LEAST' as const,
};

/**
 * Districts: the growth figures, Hà Trung's targets, and for each district without a 2020–2025 term
 * in the demo data a term with the growth target (8 %), so every band has districts in it.
 */
export async function seedDistricts(t: TestServer): Promise<void> {
  await setTargets(t, await termId(t, '392'), HA_TRUNG_TARGETS);
  for (const [unitCode] of GROWTH) {
    const { terms } = ok(await t.gql('query($u: String!) { terms(unitCode: $u) { id } }', { u: unitCode }));
    if (terms.length > 0) continue;
    const id = await createTerm(t, { unitCode, congressNumber: 20, startYear: 2020, endYear: 2025 });
    await setTargets(t, id, [GROWTH_TARGET]);
  }
  await push(
    t,
    GROWTH.map(([unitCode, value]): Row => ({
      unitCode,
      indicatorCode: 'TD_TANG_GTSX',
      period: '2021..2023',
      value,
      status: 'ESTIMATED',
    })),
  );
}

/**
 * Communes after the reform: five of Thanh Hóa's communes with a 2026 income, the first with a
 * 2025–2030 term and a target. Returns the communes' codes, best income first.
 */
export async function seedCommunes(t: TestServer): Promise<string[]> {
  const { adminUnits } = ok(
    await t.gql('{ adminUnits(provinceCode: "38", level: COMMUNE, on: "2026-06-01", first: 5) { code } }'),
  );
  const codes: string[] = adminUnits.map((u: { code: string }) => u.code);
  await push(
    t,
    codes.map((unitCode, i): Row => ({ unitCode, indicatorCode: 'THU_NHAP_BQ', period: '2026', value: 80 - i * 5 })),
  );
  const term = await createTerm(t, { unitCode: codes[0]!, congressNumber: 1, startYear: 2025, endYear: 2030 });
  await setTargets(t, term, [
    { indicatorCode: 'THU_NHAP_BQ', period: '2030', value: 100, comparator: 'AT_LEAST' },
    { indicatorCode: 'TY_LE_HO_NGHEO', period: '2030', value: 0.5, comparator: 'AT_MOST' },
  ]);
  return codes;
}
