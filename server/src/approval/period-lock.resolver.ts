import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { PeriodLock, PeriodLockInput, PeriodLockPayload } from './period-lock.types';
import { Lifecycle, scoped } from 'tsyringe';
import type { RequestContext } from '../auth/request-context';
import { PeriodLockService } from './period-lock.service';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class PeriodLockResolver {
  constructor(private readonly approvals: PeriodLockService) {}

  @Mutation(() => PeriodLockPayload, {
    description:
      'Approves (locks) a period of a unit: writes inside it come back LOCKED. ADMIN, or PROVINCE_EDITOR for its province and districts',
  })
  approvePeriod(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PeriodLockInput) input: PeriodLockInput,
  ): Promise<PeriodLockPayload> {
    return this.approvals.approve(ctx.viewer, input);
  }

  @Mutation(() => PeriodLockPayload, {
    description: 'Removes the approval of exactly this period (an approved enclosing period still locks it)',
  })
  unapprovePeriod(
    @Ctx() ctx: RequestContext,
    @Arg('input', () => PeriodLockInput) input: PeriodLockInput,
  ): Promise<PeriodLockPayload> {
    return this.approvals.unapprove(ctx.viewer, input);
  }

  @Query(() => [PeriodLock], { description: 'Approved periods of a unit (empty for an unknown code)' })
  periodLocks(@Arg('unitCode', () => String) unitCode: string): Promise<PeriodLock[]> {
    return this.approvals.list(unitCode);
  }
}
