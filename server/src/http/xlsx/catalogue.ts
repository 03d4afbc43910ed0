import type { Gql } from './gql';

export interface Catalogue {
  indicators: Map<string, { name: string; unit: string; decimals: number }>;
  /** Unit names by global id and by code (the id wins: a code can name two units). */
  unitNames: Map<string, string>;
}

type UnitRow = { id: string; code: string; name: string };
const UNIT = 'id code name';

/** The day before the 2025 reorganisation: the province's units of that day are the pre-reform ones. */
const REFORM_EVE = '2025-06-30';

/** Indicator names and decimals, and the names of a province's units (before and since the reform). */
export async function readCatalogue(gql: Gql, provinceCode: string | null): Promise<Catalogue> {
  const d = await gql<{
    indicators: { code: string; name: string; unit: string; decimals: number }[];
    province?: (UnitRow & { now: UnitRow[]; then: UnitRow[] }) | null;
  }>(
    `query($p: String!, $withProvince: Boolean!, $eve: Date) {
      indicators { code name unit decimals }
      province(code: $p) @include(if: $withProvince) { ${UNIT} now: districts { ${UNIT} } then: districts(activeOn: $eve) { ${UNIT} } } }`,
    { p: provinceCode ?? '', withProvince: provinceCode !== null, eve: REFORM_EVE },
  );
  const unitNames = new Map<string, string>();
  const p = d.province;
  for (const u of [...(p?.then ?? []), ...(p?.now ?? []), ...(p ? [p] : [])]) {
    unitNames.set(u.id, u.name);
    unitNames.set(u.code, u.name);
  }
  return {
    indicators: new Map(d.indicators.map((i) => [i.code, { name: i.name, unit: i.unit, decimals: i.decimals }])),
    unitNames,
  };
}
