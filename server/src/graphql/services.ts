import type { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { AnalyticsService } from '../analytics/analytics.service';
import { AuthService } from '../auth/auth.service';
import { IndicatorService } from '../indicators/indicator.service';
import { ObservationService } from '../observations/observation.service';
import { ObservationTableService } from '../observations/observation-table.service';
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
    observationTable: new ObservationTableService(ds, observations),
    auth: new AuthService(ds),
    analytics: new AnalyticsService(ds),
  };
}

export type Services = ReturnType<typeof createServices>;
