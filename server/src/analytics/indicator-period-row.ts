import { Field, Int, ObjectType } from 'type-graphql';

/** The indicator and period columns every flat analytics row (a PivotTable source) starts with. */
@ObjectType()
export abstract class IndicatorPeriodRow {
  @Field()
  indicatorCode: string;

  @Field()
  indicatorName: string;

  @Field({ description: 'Unit of measure of the indicator' })
  measure: string;

  @Field()
  period: string;

  @Field(() => Int, { description: 'Year the period ends in (a PivotTable column)' })
  year: number;
}
