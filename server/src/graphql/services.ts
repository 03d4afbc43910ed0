import type { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { AuthService } from '../auth/auth.service';
import { IndicatorService } from '../indicators/indicator.service';
import { ObservationService } from '../observations/observation.service';
import { TermService } from '../terms/term.service';

/** The application's services, built once at start-up over one DataSource and shared by API and CLI. */
export function createServices(ds: DataSource) {
  return {
    ds,
    units: new AdminUnitService(ds),
    indicators: new IndicatorService(ds),
    terms: new TermService(ds),
    observations: new ObservationService(ds),
    auth: new AuthService(ds),
  };
}

export type Services = ReturnType<typeof createServices>;
