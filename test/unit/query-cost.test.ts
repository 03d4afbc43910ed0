import { parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryCost } from '../../server/src/graphql/cost';
import { getSchema } from '../../server/src/graphql/schema';

/**
 * What common queries cost (the table in docs/api.md#query-cost: change both together), and that
 * the add-in's own requests stay far below the cap of 1,500,000 while the abusive shapes do not.
 */
const CAP = 1_500_000;

const COMMON: Record<string, string> = {
  // The add-in: a page of the long pull, and the unit picker's search.
  'observationTable, 10,000 rows (the add-in long pull page)':
    '{ observationTable(filter: { provinceCode: "38" }, first: 10000) { columns rows totalCount pageInfo { hasNextPage endCursor } } }',
  'adminUnits search, 20 results (the add-in unit picker)':
    '{ adminUnits(search: "ha trung", first: 20) { id code name level validFrom validTo parent { code name } } }',
  // Integrators.
  'observations, 1,000 per page, usual fields':
    '{ observations(filter: { provinceCode: "38" }, first: 1000) { totalCount pageInfo { hasNextPage endCursor } nodes { unit { code name } indicator { code name } period value status version updatedAt } } }',
  'provinceComparison, 1,000 rows':
    '{ provinceComparison(provinceCode: "38", indicatorCodes: ["THU_NHAP_BQ"], first: 1000) { nodes { unit { code name } indicatorCode period value target ratio band rank } } }',
  'the 63 provinces with their districts': '{ provinces { code name districts { code name } } }',
  // Abuse, refused.
  '1,000 aliased searches of 1,000 units': `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: adminUnits(search: "a", first: 1000) { code }`).join(' ')} }`,
  '29 aliased observationTable pages of 50,000': `{ ${Array.from({ length: 29 }, (_, i) => `a${i}: observationTable(filter: {}, first: 50000) { rows }`).join(' ')} }`,
};

describe('query cost', () => {
  let costs: Record<string, number>;
  beforeAll(async () => {
    const schema = await getSchema();
    costs = Object.fromEntries(Object.entries(COMMON).map(([name, q]) => [name, queryCost(schema, parse(q))]));
  });

  it('prices common queries as docs/api.md states', () => {
    expect(costs).toEqual({
      'observationTable, 10,000 rows (the add-in long pull page)': 140_007,
      'adminUnits search, 20 results (the add-in unit picker)': 2_141,
      'observations, 1,000 per page, usual fields': 17_001,
      'provinceComparison, 1,000 rows': 12_001,
      'the 63 provinces with their districts': 5_923,
      '1,000 aliased searches of 1,000 units': 4_001_000,
      '29 aliased observationTable pages of 50,000': 20_300_058,
    });
  });

  it('keeps what the add-in and integrators send far below the cap, and the abusive shapes above it', () => {
    for (const [name, cost] of Object.entries(costs)) {
      if (name.includes('aliased')) expect(cost, name).toBeGreaterThan(CAP);
      else expect(cost, name).toBeLessThan(CAP / 10);
    }
  });
});
