import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { PushObservationsInput } from './push.inputs';
import { PushObservationsPayload } from './push.types';

@Resolver()
export class PushResolver {
  @Mutation(() => PushObservationsPayload, {
    description: 'Writes up to 50,000 observations: each row is checked and reported by its index; atomic (default) writes all or none',
  })
  pushObservations(@Ctx() ctx: Context, @Arg('input', () => PushObservationsInput) input: PushObservationsInput): Promise<PushObservationsPayload> {
    return ctx.services.push.push(ctx.viewer, input.rows, input);
  }
}
