import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { CreateIndicatorInput, IndicatorPayload } from './indicator.inputs';

@Resolver()
export class IndicatorMutationResolver {
  @Mutation(() => IndicatorPayload, { description: 'ADMIN only. Adds an indicator to the catalogue' })
  createIndicator(@Ctx() ctx: Context, @Arg('input', () => CreateIndicatorInput) input: CreateIndicatorInput): Promise<IndicatorPayload> {
    return ctx.services.indicatorWrites.create(ctx.viewer, input);
  }
}
