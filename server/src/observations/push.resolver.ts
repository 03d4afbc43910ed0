import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { PushObservationsInput, PushObservationTableInput } from './push.inputs';
import { PushObservationsPayload } from './push.types';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from '../auth/request-context';
import { PushService } from './push.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class PushResolver {
  constructor(private readonly push: PushService) {}

  @Mutation(() => PushObservationsPayload, {
    description:
      'Writes up to 50,000 observations: each row is checked and reported by its index; atomic (default) writes all or none',
  })
  pushObservations(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PushObservationsInput) input: PushObservationsInput,
  ): Promise<PushObservationsPayload> {
    return this.push.push(ctx.viewer, input.rows, input);
  }

  @Mutation(() => PushObservationsPayload, {
    description:
      "pushObservations with its rows as a table (columns + rows of cells, like observationTable's): the same checks, outcomes and answer, rows reported by position; cheaper for thousands of rows",
  })
  pushObservationTable(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PushObservationTableInput) input: PushObservationTableInput,
  ): Promise<PushObservationsPayload> {
    return this.push.pushTable(ctx.viewer, input, input);
  }
}
