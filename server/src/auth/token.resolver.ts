import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { ApiToken } from './auth.types';
import { CreateApiTokenInput, CreateApiTokenPayload, RevokeApiTokenPayload } from './token.inputs';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from './request-context';
import { TokenService } from './token.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => ApiToken)
export class ApiTokenResolver {
  constructor(private readonly tokens: TokenService) {}

  @Mutation(() => CreateApiTokenPayload, {
    description: 'ADMIN only. Returns the secret once; only its hash is stored',
  })
  createApiToken(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput,
  ): Promise<CreateApiTokenPayload> {
    return this.tokens.create(ctx.viewer, input);
  }

  @Mutation(() => RevokeApiTokenPayload, {
    description: 'ADMIN only. Takes effect on the next request made with the token',
  })
  revokeApiToken(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<RevokeApiTokenPayload> {
    return this.tokens.revoke(ctx.viewer, id);
  }

  @Query(() => [ApiToken], { description: 'ADMIN only: every token, revoked ones included (never the secrets)' })
  apiTokens(@Ctx() ctx: RequestContext): Promise<ApiToken[]> {
    return this.tokens.list(ctx.viewer);
  }
}
