import { Args, Query, Resolver } from 'type-graphql';
import { Lifecycle, scoped } from 'tsyringe';
import { listOf } from '../common/complexity';
import { ProvinceScopeArgs, provinceScope } from './province-args';
import { RollUpService } from './rollup.service';
import { RollUpRow } from './rollup.types';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => RollUpRow)
export class RollUpResolver {
  constructor(private readonly rollUps: RollUpService) {}

  @Query(() => [RollUpRow], {
    complexity: listOf(300),
    description:
      "Province figures recomputed from its districts (before 1 July 2025) or communes (after) by each indicator's aggregation rule, beside the province's reported figure with the difference; ordered by indicator code and period",
  })
  provinceRollUp(@Args(() => ProvinceScopeArgs) args: ProvinceScopeArgs): Promise<RollUpRow[]> {
    return this.rollUps.rollUp(provinceScope(args));
  }
}
