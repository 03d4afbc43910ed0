import type { ComplexityEstimator } from 'graphql-query-complexity';

/**
 * What a query costs, declared on the fields themselves (type-graphql's `complexity` option, read
 * by graphql-query-complexity's fieldExtensionsEstimator) and estimated before anything runs. One
 * cost unit is about one value in the answer: a list costs each item it may return (1 for the item,
 * plus its selection), so nested lists multiply as they do when the query runs, and a field that
 * must read more than it returns (a search scans the catalogue) adds what it reads. Fields without
 * a declared cost cost 1 plus their selection.
 */

/** What a `search` reads to find its matches: the unit catalogue (~14,000 rows) scanned once. */
export const SEARCH_SCAN_COST = 2_000;

const pageSize = (args: Record<string, unknown>) => Math.max(1, typeof args.first === 'number' ? args.first : 1);

/** A page of `first` items, plus what finding them reads (`scan`, from the arguments). */
export const pageOf =
  (scan: (args: Record<string, unknown>) => number = () => 0): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    1 + scan(args) + pageSize(args) * (1 + childComplexity);

/** A page of `first` items. */
export const perPage: ComplexityEstimator = pageOf();

/** A page of `first` rows of `columns` cells each, returned as one JSON value (observationTable). */
export const tableOf =
  (columns: number): ComplexityEstimator =>
  ({ args, childComplexity }) =>
    1 + childComplexity + pageSize(args) * columns;

/** A list without `first`: its typical length in the data (63 provinces, ~30 districts or targets). */
export const listOf =
  (typicalLength: number): ComplexityEstimator =>
  ({ childComplexity }) =>
    1 + typicalLength * (1 + childComplexity);

/** Searching by text: the scan, when `search` is given. */
export const searchScan = (args: Record<string, unknown>) =>
  typeof args.search === 'string' && args.search.trim() !== '' ? SEARCH_SCAN_COST : 0;
