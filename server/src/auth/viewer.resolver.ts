import { Ctx, Query, Resolver } from 'type-graphql';
import { Viewer } from './auth.types';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from './request-context';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, {
    nullable: true,
    description: 'The caller, from the bearer token; null when anonymous (PUBLIC_READ)',
  })
  me(@Ctx() ctx: RequestContext): Viewer | null {
    return ctx.viewer;
  }
}
