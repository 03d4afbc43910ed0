import { badInput } from './errors';

/** Checks a page size argument (`first`) against the bounds of its list. */
export function assertPageSize(first: number, max: number, min = 0): void {
  if (!Number.isInteger(first) || first < min || first > max) {
    throw badInput('INVALID_FIRST', `first must be between ${min} and ${max}`, ['first']);
  }
}

/** Most values a list argument of a filter may carry. */
export const MAX_FILTER_LIST = 5_000;

/** A list argument without repeats, or null when absent; FILTER_TOO_LONG past MAX_FILTER_LIST. */
export function filterList<T>(values: T[] | null | undefined, path: string[]): T[] | null {
  if (values === null || values === undefined) return null;
  if (values.length > MAX_FILTER_LIST) {
    throw badInput('FILTER_TOO_LONG', `${path[path.length - 1]} may list at most ${MAX_FILTER_LIST} values`, path);
  }
  return [...new Set(values)];
}

/** A page of a connection: its nodes, page info, and edges built only when the query selects them. */
export interface Page<T> {
  readonly edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Edges, nodes and page info of one page of a connection; on an empty page the end cursor stays
 * `after`. The edges (a cursor per row) are built on first read, so a query selecting only `nodes`
 * computes one cursor, the end cursor. Extend the result with Object.assign, not a spread (a spread
 * would build the edges).
 */
export function pageOf<T>(
  nodes: T[],
  cursorOf: (node: T, index: number) => string,
  hasNextPage: boolean,
  after: string | null | undefined,
): Page<T> {
  let edges: { cursor: string; node: T }[] | undefined;
  return {
    get edges() {
      return (edges ??= nodes.map((node, i) => ({ cursor: cursorOf(node, i), node })));
    },
    nodes,
    pageInfo: {
      hasNextPage,
      endCursor: nodes.length ? cursorOf(nodes[nodes.length - 1], nodes.length - 1) : (after ?? null),
    },
  };
}
