/**
 * The analytics enums as plain TypeScript, so the pure computations (progress.ts, ranking.ts, …)
 * need no GraphQL; progress.types.ts registers them with type-graphql under the contract's names.
 */
export enum AchievementBand {
  MET = 'MET',
  ABOVE_80 = 'ABOVE_80',
  FROM_50_TO_80 = 'FROM_50_TO_80',
  BELOW_50 = 'BELOW_50',
  NO_DATA = 'NO_DATA',
}

export enum ForecastOutcome {
  EXCEED = 'EXCEED',
  COMPLETE = 'COMPLETE',
  AT_RISK = 'AT_RISK',
}

export enum ForecastMethod {
  FORECAST_VALUE = 'FORECAST_VALUE',
  TREND_PROJECTION = 'TREND_PROJECTION',
}
