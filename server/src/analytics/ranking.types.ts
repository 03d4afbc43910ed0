import { Field, Float, Int, ObjectType } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { Observation } from '../observations/observation.types';

@ObjectType({
  description:
    "A district's place among its province's districts, or a commune's among its communes (\"đứng thứ 12 toàn tỉnh\")",
})
export class RankedValue {
  @Field(() => AdminUnit)
  unit: AdminUnit;

  @Field(() => Observation)
  observation: Observation;

  @Field(() => Float, { description: 'observation.value, for convenience' })
  value: number;

  @Field(() => Int, { description: 'Competition rank: ties share a rank and the next one skips (1, 2, 2, 4)' })
  rank: number;

  @Field(() => Int, { description: 'Number of units ranked' })
  of: number;

  /** What `sentence` says besides the fields (not fields themselves): set by AnalyticsService.ranking. */
  context: RankingContext;
}

export interface RankingContext {
  indicator: { name: string; unit: string; decimals: number };
  level: 'DISTRICT' | 'COMMUNE';
  /** Kinds of the units ranked ("Huyện", "Thị xã", …). */
  kinds: string[];
  /** Another unit shares this rank. */
  tied: boolean;
}
