import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Payload } from '../common/payload';
import { AggregationRule, Direction, Indicator } from './indicator.types';

@InputType()
export class CreateIndicatorInput {
  @Field({ description: 'Letters, digits, "_", "-" or "." (at most 40), e.g. TY_LE_HO_NGHEO' })
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Unit of measure, e.g. "%", "tỷ đồng", "xã"' })
  unit: string;

  @Field(() => Direction)
  direction: Direction;

  @Field()
  category: string;

  @Field(() => Int, {
    nullable: true,
    defaultValue: 2,
    description: 'Decimals a value is shown and compared with (0 to 6)',
  })
  decimals?: number | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Float, { nullable: true, description: 'Smallest value accepted, e.g. 0 for counts and shares' })
  minValue?: number | null;

  @Field(() => Float, { nullable: true, description: 'Largest value accepted, e.g. 100 for a share in %' })
  maxValue?: number | null;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'Whole numbers only (counts)' })
  integerOnly?: boolean | null;

  @Field(() => AggregationRule, { nullable: true, defaultValue: AggregationRule.NONE })
  aggregation?: AggregationRule | null;

  @Field(() => String, {
    nullable: true,
    description: 'Required with WEIGHTED_MEAN: the code of an indicator whose own rule is SUM (e.g. population)',
  })
  weightIndicatorCode?: string | null;
}

@ObjectType()
export class IndicatorPayload extends Payload('indicator', () => Indicator) {}
