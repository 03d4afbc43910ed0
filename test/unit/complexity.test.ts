import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OBSERVATION_TABLE_COLUMNS } from '../../schema/contract/observation-table';
import { SEARCH_SCAN_COST } from '../../server/src/common/complexity';
import { queryCost } from '../../server/src/graphql/cost';
import { getSchema } from '../../server/src/graphql/schema';

/** The estimate the complexity plugin computes (graphql/cost.ts): costs declared on the fields, 1 for the rest. */
async function cost(query: string): Promise<number> {
  return queryCost(await getSchema(), parse(query), {});
}

describe('query cost declared on the fields', () => {
  it('counts a list without `first` by its typical length, each item 1 plus its selection', async () => {
    expect(await cost('{ provinces { code } }')).toBe(1 + 63 * (1 + 1));
    expect(await cost('{ provinces { code name } }')).toBe(1 + 63 * (1 + 2));
  });

  it('multiplies nested lists as they run', async () => {
    // provinces (63) × districts (30) × terms (10) × targets (30) × { value }
    const targets = 1 + 30 * (1 + 1);
    const terms = 1 + 10 * (1 + targets);
    const districts = 1 + 30 * (1 + terms);
    expect(await cost('{ provinces { districts { terms { targets { value } } } } }')).toBe(1 + 63 * (1 + districts));
  });

  it('counts a page by `first`, its default included; a search adds its scan; a table every cell', async () => {
    const nodes = 1 + 1; // nodes { value }
    expect(await cost('{ observations(filter: {}, first: 500) { nodes { value } } }')).toBe(1 + 500 * (1 + nodes));
    expect(await cost('{ observations(filter: {}) { nodes { value } } }')).toBe(1 + 1000 * (1 + nodes));
    expect(await cost('{ adminUnits(first: 50) { code } }')).toBe(1 + 50 * (1 + 1));
    expect(await cost('{ adminUnits(search: "a") { code } }')).toBe(1 + SEARCH_SCAN_COST + 50 * (1 + 1));
    expect(await cost('{ observationTable(filter: {}, first: 50000) { rows } }')).toBe(
      1 + 1 + 50000 * OBSERVATION_TABLE_COLUMNS.length,
    );
  });

  it('prices a field without a declared cost at 1 plus its selection', async () => {
    expect(await cost('{ me { name role } }')).toBe(1 + 2);
  });
});
