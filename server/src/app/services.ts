import type { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { PeriodLockService } from '../approval/period-lock.service';
import { AuthService } from '../auth/auth.service';
import { TokenService } from '../auth/token.service';
import { IndicatorWriteService } from '../indicators/indicator-write.service';
import { IndicatorService } from '../indicators/indicator.service';
import { ObservationService } from '../observations/observation.service';
import { ObservationTableService } from '../observations/observation-table.service';
import { PushService } from '../observations/push.service';
import { TermWriteService } from '../terms/term-write.service';
import { TermService } from '../terms/term.service';

/** The application's services, built once at start-up over one DataSource and shared by API and CLI. */
export function createServices(ds: DataSource) {
  const observations = new ObservationService(ds);
  return {
    ds,
    units: new AdminUnitService(ds),
    indicators: new IndicatorService(ds),
    terms: new TermService(ds),
    observations,
    observationTable: new ObservationTableService(observations),
    auth: new AuthService(ds),
    analytics: new AnalyticsService(ds),
    // Write path
    push: new PushService(ds),
    indicatorWrites: new IndicatorWriteService(ds),
    termWrites: new TermWriteService(ds),
    approvals: new PeriodLockService(ds),
    tokens: new TokenService(ds),
  };
}

export type Services = ReturnType<typeof createServices>;
