import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { ApiToken } from './auth.types';
import { CreateApiTokenInput, CreateApiTokenPayload, RevokeApiTokenPayload } from './token.inputs';

@Resolver(() => ApiToken)
export class ApiTokenResolver {
  @Mutation(() => CreateApiTokenPayload, { description: 'ADMIN only. Returns the secret once; only its hash is stored' })
  createApiToken(@Ctx() ctx: Context, @Arg('input', () => CreateApiTokenInput) input: CreateApiTokenInput): Promise<CreateApiTokenPayload> {
    return ctx.services.tokens.create(ctx.viewer, input);
  }

  @Mutation(() => RevokeApiTokenPayload, { description: 'ADMIN only. Takes effect on the next request made with the token' })
  revokeApiToken(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<RevokeApiTokenPayload> {
    return ctx.services.tokens.revoke(ctx.viewer, id);
  }

  @Query(() => [ApiToken], { description: 'ADMIN only: every token, revoked ones included (never the secrets)' })
  apiTokens(@Ctx() ctx: Context): Promise<ApiToken[]> {
    return ctx.services.tokens.list(ctx.viewer);
  }
}
