import { Arg, Int, Query, Resolver } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Lifecycle, scoped } from 'tsyringe';
import { listOf } from '../common/complexity';
import { boundariesDate, BOUNDARIES_DOC, ON_DOC } from '../observations/boundaries-args';
import { Boundaries } from '../observations/observation.types';
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
  provinceRollUp(
    @Arg('provinceCode', () => String) provinceCode: string,
    @Arg('indicatorCodes', () => [String], { nullable: true }) indicatorCodes?: string[] | null,
    @Arg('periods', () => [String], { nullable: true, description: 'Exact periods' }) periods?: string[] | null,
    @Arg('fromYear', () => Int, { nullable: true, description: 'Periods that start in or after this year' })
    fromYear?: number | null,
    @Arg('toYear', () => Int, { nullable: true, description: 'Periods that end in or before this year' })
    toYear?: number | null,
    @Arg('includeForecasts', () => Boolean, { defaultValue: false }) includeForecasts?: boolean,
    @Arg('boundaries', () => Boundaries, { defaultValue: Boundaries.AS_REPORTED, description: BOUNDARIES_DOC })
    boundaries: Boundaries = Boundaries.AS_REPORTED,
    @Arg('on', () => DateResolver, { nullable: true, description: ON_DOC }) on?: Date | null,
  ): Promise<RollUpRow[]> {
    return this.rollUps.rollUp({
      provinceCode,
      indicatorCodes,
      periods,
      fromYear,
      toYear,
      includeForecasts,
      on: boundariesDate(boundaries, on),
    });
  }
}
