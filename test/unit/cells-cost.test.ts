import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { CELL_VALUES } from '../../addin/src/api/cells';
import { MAX_CELLS } from '../../schema/contract/cells';
import { queryCost } from '../../server/src/graphql/cost';
import { getSchema } from '../../server/src/graphql/schema';

/** `cellValues` is priced per cell (docs/api.md#query-cost): the add-in's document, with its cells as variables. */
describe('cellValues cost', () => {
  it('is 1 + cells × 4 for value, code and message: 4,001 for 1,000 cells, 20,001 at the 5,000 limit', async () => {
    const schema = await getSchema();
    const cell = { function: 'VALUE', unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: '2024' };
    const cost = (n: number) => queryCost(schema, parse(CELL_VALUES), { cells: Array.from({ length: n }, () => cell) });
    expect(cost(1)).toBe(5);
    expect(cost(1000)).toBe(4_001);
    expect(cost(MAX_CELLS)).toBe(20_001);
  });
});
