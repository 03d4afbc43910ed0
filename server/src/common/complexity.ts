import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * Costs declared on the fields themselves (type-graphql's `complexity` option, read by
 * graphql-query-complexity's fieldExtensionsEstimator): a list costs its length times the cost of one
 * item, so nested lists multiply as they do when the query runs. Fields without a declared cost cost
 * 1 plus their selection.
 */

/** A page of `first` items. */
export const perPage: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + Math.max(1, typeof args.first === 'number' ? args.first : 1) * Math.max(1, childComplexity);

/** A list without `first`: its typical length in the data (63 provinces, ~30 districts or targets). */
export const listOf =
  (typicalLength: number): ComplexityEstimator =>
  ({ childComplexity }) =>
    1 + typicalLength * Math.max(1, childComplexity);
