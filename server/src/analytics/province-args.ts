import { ArgsType, Field, Int } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { boundariesDate, BOUNDARIES_DOC, ON_DOC } from '../observations/boundaries-args';
import { Boundaries } from '../observations/observation.types';

/** What a province-wide analytic (comparison, roll-up) is narrowed by; every given field must hold (AND). */
@ArgsType()
export class ProvinceScopeArgs {
  @Field(() => String)
  provinceCode: string;

  @Field(() => [String], { nullable: true })
  indicatorCodes?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Exact periods' })
  periods?: string[] | null;

  @Field(() => Int, { nullable: true, description: 'Periods that start in or after this year' })
  fromYear?: number | null;

  @Field(() => Int, { nullable: true, description: 'Periods that end in or before this year' })
  toYear?: number | null;

  @Field(() => Boolean, { defaultValue: false, description: 'Also FORECAST values (never ranked)' })
  includeForecasts: boolean;

  @Field(() => Boundaries, { defaultValue: Boundaries.AS_REPORTED, description: BOUNDARIES_DOC })
  boundaries: Boundaries;

  @Field(() => DateResolver, { nullable: true, description: ON_DOC })
  on?: Date | null;
}

@ArgsType()
export class ProvinceComparisonArgs extends ProvinceScopeArgs {
  @Field(() => Int, { defaultValue: 1000, description: 'At most 50,000' })
  first: number;

  @Field(() => String, { nullable: true })
  after?: string | null;
}

/** The scope as the services take it: `on` is the ISO date of the boundaries (CURRENT), or null. */
export type ProvinceScope = Omit<ProvinceScopeArgs, 'boundaries' | 'on'> & { on: string | null };

export function provinceScope<T extends ProvinceScopeArgs>({
  boundaries,
  on,
  ...rest
}: T): Omit<T, 'boundaries' | 'on'> & { on: string | null } {
  return { ...rest, on: boundariesDate(boundaries, on) };
}
