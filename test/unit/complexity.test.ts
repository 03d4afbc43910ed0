import { parse } from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import { describe, expect, it } from 'vitest';
import { getSchema } from '../../server/src/graphql/schema';

/** The estimate the complexity plugin computes: costs declared on the fields, 1 for the rest. */
async function cost(query: string): Promise<number> {
  return getComplexity({
    schema: await getSchema(),
    query: parse(query),
    variables: {},
    estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
  });
}

describe('query cost declared on the fields', () => {
  it('counts a list without `first` by its typical length', async () => {
    expect(await cost('{ provinces { code } }')).toBe(1 + 63 * 1);
    expect(await cost('{ provinces { code name } }')).toBe(1 + 63 * 2);
  });

  it('multiplies nested lists as they run', async () => {
    // provinces (63) × districts (30) × terms (10) × targets (30) × { value }
    expect(await cost('{ provinces { districts { terms { targets { value } } } } }')).toBe(
      1 + 63 * (1 + 30 * (1 + 10 * (1 + 30 * 1))),
    );
  });

  it('counts a page by `first`, its default included', async () => {
    expect(await cost('{ observations(filter: {}, first: 500) { nodes { value } } }')).toBe(1 + 500 * (1 + 1));
    expect(await cost('{ observations(filter: {}) { nodes { value } } }')).toBe(1 + 1000 * (1 + 1));
    expect(await cost('{ adminUnits(search: "a") { code } }')).toBe(1 + 50 * 1);
    expect(await cost('{ observationTable(filter: {}, first: 50000) { rows } }')).toBe(1 + 50000 * 1);
  });

  it('prices a field without a declared cost at 1 plus its selection', async () => {
    expect(await cost('{ me { name role } }')).toBe(1 + 2);
  });
});
