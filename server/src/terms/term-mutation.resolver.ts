import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { CreateTermInput, SetTargetsInput, SetTargetsPayload, TermPayload } from './term.inputs';

@Resolver()
export class TermMutationResolver {
  @Mutation(() => TermPayload, { description: "Adds a congress term to a unit: ADMIN, or an editor whose scope covers the unit" })
  createTerm(@Ctx() ctx: Context, @Arg('input', () => CreateTermInput) input: CreateTermInput): Promise<TermPayload> {
    return ctx.services.termWrites.createTerm(ctx.viewer, input);
  }

  @Mutation(() => SetTargetsPayload, { description: "Replaces a term's targets in one transaction" })
  setTargets(@Ctx() ctx: Context, @Arg('input', () => SetTargetsInput) input: SetTargetsInput): Promise<SetTargetsPayload> {
    return ctx.services.termWrites.setTargets(ctx.viewer, input);
  }
}
