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

/** Edges, nodes and page info of one page of a connection; on an empty page the end cursor stays `after`. */
export function pageOf<T>(
  nodes: T[],
  cursorOf: (node: T, index: number) => string,
  hasNextPage: boolean,
  after: string | null | undefined,
) {
  const edges = nodes.map((node, i) => ({ cursor: cursorOf(node, i), node }));
  return {
    edges,
    nodes,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : (after ?? null) },
  };
}
