import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * True when the query selects `path` under the field being resolved (e.g. ['nodes', 'unit']),
 * through inline fragments and fragment spreads; aliases do not matter. Lets a resolver prepare
 * only what the query asks for (catalogue maps for a page's units, say).
 */
export function selects(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): boolean {
  const within = (set: SelectionSetNode | undefined, at: number, seen: Set<string>): boolean => {
    if (!set) return false;
    for (const s of set.selections) {
      if (s.kind === 'Field') {
        if (s.name.value !== path[at]) continue;
        if (at === path.length - 1 || within(s.selectionSet, at + 1, seen)) return true;
      } else if (s.kind === 'InlineFragment') {
        if (within(s.selectionSet, at, seen)) return true;
      } else if (!seen.has(`${s.name.value}@${at}`)) {
        seen.add(`${s.name.value}@${at}`);
        if (within(info.fragments[s.name.value]?.selectionSet, at, seen)) return true;
      }
    }
    return false;
  };
  return info.fieldNodes.some((f: FieldNode) => within(f.selectionSet, 0, new Set()));
}
