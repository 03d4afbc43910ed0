import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CreateTermInput, SetTargetsInput, SetTargetsPayload, TermPayload } from './term.inputs';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from '../auth/request-context';
import { TermWriteService } from './term-write.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class TermMutationResolver {
  constructor(private readonly termWrites: TermWriteService) {}

  @Mutation(() => TermPayload, {
    description: 'Adds a congress term to a unit: ADMIN, or an editor whose scope covers the unit',
  })
  createTerm(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateTermInput) input: CreateTermInput,
  ): Promise<TermPayload> {
    return this.termWrites.createTerm(ctx.viewer, input);
  }

  @Mutation(() => SetTargetsPayload, { description: "Replaces a term's targets in one transaction" })
  setTargets(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => SetTargetsInput) input: SetTargetsInput,
  ): Promise<SetTargetsPayload> {
    return this.termWrites.setTargets(ctx.viewer, input);
  }
}
