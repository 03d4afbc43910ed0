import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node.type';
import type { IndicatorEntity } from './indicator.entity';

export enum Direction {
  HIGHER_IS_BETTER = 'HIGHER_IS_BETTER',
  LOWER_IS_BETTER = 'LOWER_IS_BETTER',
}
registerEnumType(Direction, { name: 'Direction' });

export enum AggregationRule {
  SUM = 'SUM',
  WEIGHTED_MEAN = 'WEIGHTED_MEAN',
  NONE = 'NONE',
}
registerEnumType(AggregationRule, {
  name: 'AggregationRule',
  description:
    'How values of several units combine into one (e.g. old districts into a province): SUM for counts and amounts; ' +
    'WEIGHTED_MEAN by weightIndicator (income per person weighted by population); NONE for what cannot be combined (rates, indices)',
});

// Plain fields resolve by property access (no type-graphql wrapper per field: a page reads thousands).
@ObjectType({ implements: Node, simpleResolvers: true })
export class Indicator extends Node {
  @Field()
  code: string;

  @Field()
  name: string;

  @Field({ description: 'Unit of measure, e.g. "%", "triệu đồng/người/năm"' })
  unit: string;

  @Field(() => Direction)
  direction: Direction;

  @Field()
  category: string;

  @Field(() => Int, { description: 'Decimals a value is shown and compared with' })
  decimals: number;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Smallest value accepted (e.g. 0 for counts and shares); null: no lower bound',
  })
  minValue: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Largest value accepted (e.g. 100 for a share in %); null: no upper bound',
  })
  maxValue: number | null;

  @Field({ description: 'Whole numbers only (counts of communes, households, products, …)' })
  integerOnly: boolean;

  @Field(() => AggregationRule)
  aggregation: AggregationRule;

  localId: number;
  weightIndicatorId: number | null;
}

export function presentIndicator(e: IndicatorEntity): Indicator {
  return {
    __typename: 'Indicator',
    id: toGlobalId('Indicator', e.id),
    localId: e.id,
    code: e.code,
    name: e.name,
    unit: e.unit,
    direction: e.direction as Direction,
    category: e.category,
    decimals: e.decimals,
    description: e.description,
    minValue: e.minValue ?? null,
    maxValue: e.maxValue ?? null,
    integerOnly: Boolean(e.integerOnly),
    aggregation: (e.aggregation ?? 'NONE') as AggregationRule,
    weightIndicatorId: e.weightIndicatorId ?? null,
  } as Indicator;
}
