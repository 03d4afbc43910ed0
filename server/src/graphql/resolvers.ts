import type { NonEmptyArray } from 'type-graphql';
import {
  AdminUnitResolver,
  CommuneResolver,
  DistrictResolver,
  ProvinceResolver,
} from '../admin-units/admin-unit.resolver';
import { CellsResolver } from '../analytics/cells.resolver';
import { ObservationChangeResolver } from '../analytics/change.resolver';
import { ComparisonResolver } from '../analytics/comparison.resolver';
import { TargetProgressResolver, TermScorecardResolver } from '../analytics/progress.resolver';
import { RankingResolver } from '../analytics/ranking.resolver';
import { RollUpResolver } from '../analytics/rollup.resolver';
import { RankingSentenceResolver, ScorecardSummaryResolver } from '../analytics/sentences.resolver';
import { PeriodLockResolver } from '../approval/period-lock.resolver';
import { ApiTokenResolver } from '../auth/token.resolver';
import { ChangeFeedResolver } from '../changes/change-feed.resolver';
import { ViewerResolver } from '../auth/viewer.resolver';
import { IndicatorMutationResolver } from '../indicators/indicator-mutation.resolver';
import { IndicatorResolver } from '../indicators/indicator.resolver';
import {
  ObservationConnectionResolver,
  ObservationResolver,
  ObservationTableResolver,
} from '../observations/observation.resolver';
import { PushResolver } from '../observations/push.resolver';
import { TermMutationResolver } from '../terms/term-mutation.resolver';
import { TargetResolver, TermResolver } from '../terms/term.resolver';
import { NodeResolver } from './node.resolver';

/** Every resolver class of the API; a feature adds its resolvers here. */
export const resolvers: NonEmptyArray<Function> = [
  NodeResolver,
  TargetProgressResolver,
  TermScorecardResolver,
  ObservationChangeResolver,
  RankingResolver,
  ScorecardSummaryResolver,
  RankingSentenceResolver,
  RollUpResolver,
  ComparisonResolver,
  CellsResolver,
  ViewerResolver,
  AdminUnitResolver,
  ProvinceResolver,
  CommuneResolver,
  DistrictResolver,
  IndicatorResolver,
  TermResolver,
  TargetResolver,
  ObservationResolver,
  ObservationConnectionResolver,
  ObservationTableResolver,
  ChangeFeedResolver,
  // Write path
  PushResolver,
  IndicatorMutationResolver,
  TermMutationResolver,
  PeriodLockResolver,
  ApiTokenResolver,
];
