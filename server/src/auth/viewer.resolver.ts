import { Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { Viewer } from './auth.types';

@Resolver(() => Viewer)
export class ViewerResolver {
  @Query(() => Viewer, { nullable: true, description: 'The caller, from the bearer token; null when anonymous (PUBLIC_READ)' })
  me(@Ctx() ctx: Context): Viewer | null {
    return ctx.viewer;
  }
}
