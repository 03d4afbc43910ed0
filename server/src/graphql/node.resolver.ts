import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { Lifecycle, scoped } from 'tsyringe';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import type { RequestContext } from '../auth/request-context';
import { TokenService } from '../auth/token.service';
import { fromGlobalId } from '../common/global-id';
import { Node } from '../common/node.type';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { ObservationLoaders } from '../observations/observation.loaders';
import { TermLoaders } from '../terms/term.loaders';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class NodeResolver {
  constructor(
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly indicatorLoaders: IndicatorLoaders,
    private readonly termLoaders: TermLoaders,
    private readonly observationLoaders: ObservationLoaders,
    private readonly tokens: TokenService,
  ) {}

  @Query(() => Node, { nullable: true, description: 'Any object by its global id' })
  async node(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Node | null> {
    const parsed = fromGlobalId(id);
    if (!parsed) return null;
    const found = await (async (): Promise<(Node & { __typename?: string }) | null> => {
      switch (parsed.type) {
        case 'Province':
        case 'District':
        case 'Commune':
          return this.unitLoaders.byId.load(parsed.id);
        case 'Indicator':
          return this.indicatorLoaders.byId.load(parsed.id);
        case 'Term':
          return this.termLoaders.byId.load(parsed.id);
        case 'Target':
          return this.termLoaders.targetById.load(parsed.id);
        case 'Observation':
          return this.observationLoaders.byId.load(parsed.id);
        case 'ApiToken':
          // Tokens are visible to admins only; to anyone else the id resolves to nothing.
          return ctx.viewer?.role === 'ADMIN' ? this.tokens.byId(parsed.id) : null;
        default:
          return null;
      }
    })();
    // A Province id must not resolve a District with the same number, and vice versa.
    return found && found.__typename === parsed.type ? found : null;
  }
}
