import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { CreateIndicatorInput, IndicatorPayload } from './indicator.inputs';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from '../auth/request-context';
import { IndicatorWriteService } from './indicator-write.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class IndicatorMutationResolver {
  constructor(private readonly indicatorWrites: IndicatorWriteService) {}

  @Mutation(() => IndicatorPayload, { description: 'ADMIN only. Adds an indicator to the catalogue' })
  createIndicator(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => CreateIndicatorInput) input: CreateIndicatorInput,
  ): Promise<IndicatorPayload> {
    return this.indicatorWrites.create(ctx.viewer, input);
  }
}
