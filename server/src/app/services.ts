import { container as rootContainer, Lifecycle, type DependencyContainer } from 'tsyringe';
import { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { ComparisonService } from '../analytics/comparison.service';
import { RollUpService } from '../analytics/rollup.service';
import { PeriodLockService } from '../approval/period-lock.service';
import { AuthService } from '../auth/auth.service';
import { BudgetService } from '../budget/budget.service';
import { ChangeFeedService } from '../changes/change-feed.service';
import { TokenService } from '../auth/token.service';
import { IndicatorWriteService } from '../indicators/indicator-write.service';
import { IndicatorService } from '../indicators/indicator.service';
import { ObservationScopeService } from '../observations/observation-scope';
import { ObservationService } from '../observations/observation.service';
import { ObservationTableService } from '../observations/observation-table.service';
import { BoundaryService } from '../observations/boundary.service';
import { BoundaryReadService } from '../observations/boundary-read.service';
import { PushService } from '../observations/push.service';
import { TermWriteService } from '../terms/term-write.service';
import { TermService } from '../terms/term.service';

/** Every service class: one instance each per application (per DataSource). */
const SERVICES = [
  AdminUnitService,
  IndicatorService,
  TermService,
  ObservationScopeService,
  ObservationService,
  ObservationTableService,
  BoundaryService,
  BoundaryReadService,
  AuthService,
  AnalyticsService,
  ComparisonService,
  RollUpService,
  PushService,
  IndicatorWriteService,
  TermWriteService,
  PeriodLockService,
  TokenService,
  ChangeFeedService,
  BudgetService,
] as const;

/**
 * The application's dependency container over one DataSource. Services are singletons of this
 * container (registered here, so a second application in the same process — tests run SQLite and
 * MariaDB side by side — gets its own); request-scoped classes (resolvers, DataLoaders) are
 * declared `@scoped(Lifecycle.ContainerScoped)` and live in a child container per request.
 */
export function createContainer(ds: DataSource): DependencyContainer {
  const c = rootContainer.createChildContainer();
  c.registerInstance(DataSource, ds);
  for (const S of SERVICES) c.register<unknown>(S, { useClass: S }, { lifecycle: Lifecycle.Singleton });
  return c;
}

/** The services by name, for the command line, start-up and tests (the API resolves them by class). */
export function createServices(ds: DataSource, c: DependencyContainer = createContainer(ds)) {
  return {
    ds,
    container: c,
    units: c.resolve(AdminUnitService),
    indicators: c.resolve(IndicatorService),
    terms: c.resolve(TermService),
    observations: c.resolve(ObservationService),
    observationTable: c.resolve(ObservationTableService),
    boundaries: c.resolve(BoundaryService),
    boundaryReads: c.resolve(BoundaryReadService),
    auth: c.resolve(AuthService),
    analytics: c.resolve(AnalyticsService),
    comparison: c.resolve(ComparisonService),
    rollUps: c.resolve(RollUpService),
    push: c.resolve(PushService),
    indicatorWrites: c.resolve(IndicatorWriteService),
    termWrites: c.resolve(TermWriteService),
    approvals: c.resolve(PeriodLockService),
    tokens: c.resolve(TokenService),
    changes: c.resolve(ChangeFeedService),
    budget: c.resolve(BudgetService),
  };
}

export type Services = ReturnType<typeof createServices>;
