import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../common/global-id';
import type { Context } from './context';
import { Node } from '../common/node.type';

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any object by its global id' })
  async node(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const { loaders, services } = ctx;
    const found = await (async (): Promise<(Node & { __typename?: string }) | null> => {
      switch (parsed.type) {
        case 'Province':
        case 'District':
          return loaders.unit.load(parsed.id);
        case 'Indicator':
          return loaders.indicator.load(parsed.id);
        case 'Term':
          return loaders.term.load(parsed.id);
        case 'Target':
          return loaders.target.load(parsed.id);
        case 'Observation':
          return (await services.observations.byIds([parsed.id])).get(parsed.id) ?? null;
        case 'ApiToken':
          // Tokens are visible to admins only; to anyone else the id resolves to nothing.
          return ctx.viewer?.role === 'ADMIN' ? services.tokens.byId(parsed.id) : null;
        default:
          return null;
      }
    })();
    // A Province id must not resolve a District with the same number, and vice versa.
    return found && found.__typename === parsed.type ? found : null;
  }
}
