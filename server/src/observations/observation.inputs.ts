import { Field, InputType, Int } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { ObservationStatus } from './observation.types';

/** Every field narrows the result; all given fields must hold (AND). */
@InputType()
export class ObservationFilter {
  @Field(() => [String], { nullable: true, description: 'Province or district codes' })
  unitCodes?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      "The province's districts and communes (its own communes after the 2025 reform, its districts' before), not the province's own figures: add its code to unitCodes for those",
  })
  provinceCode?: string | null;

  @Field(() => [String], { nullable: true })
  indicatorCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Exact periods, e.g. ["2023", "2021..2023"]' })
  periods?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Periods that start in or after this year' })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Periods that end in or before this year' })
  toYear?: number | null;

  @Field(() => [ObservationStatus], { nullable: true })
  statuses?: ObservationStatus[] | null;

  @Field(() => DateTimeResolver, { nullable: true, description: 'Only values written at or after this instant' })
  updatedSince?: Date | null;
}
