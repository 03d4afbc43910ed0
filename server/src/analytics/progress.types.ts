import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Observation } from '../observations/observation.types';
import { Target } from '../terms/term.types';
import { AchievementBand, ForecastMethod, ForecastOutcome } from './enums';
import { listOf } from '../common/complexity';

registerEnumType(AchievementBand, {
  name: 'AchievementBand',
  description:
    "MET: the comparator holds at the indicator's decimals · ABOVE_80: ratio (as returned) ≥ 0.8 · FROM_50_TO_80: ratio ≥ 0.5 · BELOW_50 · NO_DATA: no observation",
});
registerEnumType(ForecastOutcome, {
  name: 'ForecastOutcome',
  description:
    "dự báo vượt (beats the target) · hoàn thành (equals it at the indicator's decimals) · phải nỗ lực (falls short)",
});
registerEnumType(ForecastMethod, {
  name: 'ForecastMethod',
  description:
    "FORECAST_VALUE: a stored FORECAST observation at the target's period · TREND_PROJECTION: the observed trend continued to the target's period",
});

export { AchievementBand, ForecastMethod, ForecastOutcome };

@ObjectType({ description: 'How far a target is: the observation it is measured by, ratio, band and forecast' })
export class Progress {
  @Field(() => Target)
  target: Target;

  @Field(() => Observation, {
    nullable: true,
    description:
      "The unit's latest non-FORECAST observation of the indicator inside the term's years (ending by asOf); on equal end the longer span",
  })
  observation: Observation | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'value/target (AT_LEAST) or target/value (AT_MOST), exact: the double nearest the exact quotient of the stored decimals (1.2/1.5 = 0.8); 1 when value equals target; null without data or when the denominator is zero or negative',
  })
  ratio: number | null;

  @Field(() => AchievementBand)
  band: AchievementBand;

  @Field(() => ForecastOutcome, {
    nullable: true,
    description: 'The forecast (or projection) against the target; null without any data',
  })
  forecast: ForecastOutcome | null;

  @Field(() => Float, { nullable: true, description: 'The value the forecast outcome was judged on' })
  forecastValue: number | null;

  @Field(() => ForecastMethod, { nullable: true, description: 'Where forecastValue comes from' })
  forecastMethod: ForecastMethod | null;

  @Field(() => Observation, {
    nullable: true,
    description: 'The FORECAST observation used, when forecastMethod is FORECAST_VALUE',
  })
  forecastObservation: Observation | null;
}

@ObjectType({
  description: 'A term\'s targets counted by band ("đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%") and by forecast outcome',
})
export class Scorecard {
  @Field(() => Int, { description: 'Number of targets' })
  total: number;

  @Field(() => Int)
  met: number;

  @Field(() => Int)
  above80: number;

  @Field(() => Int)
  from50To80: number;

  @Field(() => Int)
  below50: number;

  @Field(() => Int)
  noData: number;

  @Field(() => Float, {
    description:
      'met / total, exact: the nearest double (11/27 = 0.4074074074074074, shown as 40,7%); 0 for a term without targets',
  })
  metShare: number;

  @Field(() => Int, { description: 'Targets forecast to be exceeded (dự báo vượt)' })
  forecastExceed: number;

  @Field(() => Int, { description: 'Targets forecast to be met exactly (dự báo hoàn thành)' })
  forecastComplete: number;

  @Field(() => Int, { description: 'Targets forecast to fall short (phải nỗ lực)' })
  forecastAtRisk: number;

  @Field(() => Int, { description: 'Targets without any data to forecast from' })
  forecastNone: number;

  @Field(() => String, { nullable: true, description: 'The asOf period the scorecard was computed for' })
  asOf: string | null;

  @Field(() => [Progress], { description: "One per target, in the term's target order", complexity: listOf(30) })
  items: Progress[];
}
