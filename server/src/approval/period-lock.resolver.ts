import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { Context } from '../graphql/context';
import { PeriodLock, PeriodLockInput, PeriodLockPayload } from './period-lock.types';

@Resolver()
export class PeriodLockResolver {
  @Mutation(() => PeriodLockPayload, { description: 'Approves (locks) a period of a unit: writes inside it come back LOCKED. ADMIN, or PROVINCE_EDITOR for its province and districts' })
  approvePeriod(@Ctx() ctx: Context, @Arg('input', () => PeriodLockInput) input: PeriodLockInput): Promise<PeriodLockPayload> {
    return ctx.services.approvals.approve(ctx.viewer, input);
  }

  @Mutation(() => PeriodLockPayload, { description: 'Removes the approval of exactly this period (an approved enclosing period still locks it)' })
  unapprovePeriod(@Ctx() ctx: Context, @Arg('input', () => PeriodLockInput) input: PeriodLockInput): Promise<PeriodLockPayload> {
    return ctx.services.approvals.unapprove(ctx.viewer, input);
  }

  @Query(() => [PeriodLock], { description: 'Approved periods of a unit (empty for an unknown code)' })
  periodLocks(@Ctx() ctx: Context, @Arg('unitCode', () => String) unitCode: string): Promise<PeriodLock[]> {
    return ctx.services.approvals.list(unitCode);
  }
}
