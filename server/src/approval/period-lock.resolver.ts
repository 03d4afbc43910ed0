import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { isoDate } from '../admin-units/admin-unit.service';
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
      'Approves (locks) a period of a unit: writes inside it come back LOCKED. ADMIN, or PROVINCE_EDITOR for the units of its provinces',
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

  @Query(() => [PeriodLock], {
    description:
      'Approved periods of a unit: the one with unitCode on `on` (default: today, or for a code no unit has today the newest that had it), or the one with unitId. Empty for an unknown code or when no unit had the code on `on`',
  })
  periodLocks(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('on', () => DateResolver, { nullable: true, description: 'The day the code is resolved on' })
    on?: Date | null,
    @Arg('unitId', () => ID, {
      nullable: true,
      description: "The unit's id (AdminUnit.id), a unit with the code; overrides on",
    })
    unitId?: string | null,
  ): Promise<PeriodLock[]> {
    return this.approvals.list(unitCode, { on: on ? isoDate(on) : null, unitId });
  }
}
